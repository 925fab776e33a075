//! Sentences the airing log holds as free text (why an airing failed or
//! was interrupted, why a segment was skipped). The log is machine output:
//! they are written in English whatever the station's language, from the
//! catalogue ([`for_the_log`]), and recognised when read back to be shown
//! in the reader's language ([`logged_in`]); a sentence not known (from an
//! older loa, or a device's own words) is shown as written.

use super::catalogue::{Arg, recognise, tr_in};
use super::lang::{Lang, current};

/// The catalogue's ids of the sentences loa writes into the log, the most
/// specific first (a sentence is shown as the first that matches).
const LOGGED: &[&str] = &[
    "reason-shutdown",
    "reason-nothing-aired",
    "reason-daemon-stopped",
    "reason-player-thread-failed",
    "reason-file-missing",
    "reason-relay-never-came",
    "reason-reopened",
];

/// The message `id` as the airing log holds it: English.
pub fn for_the_log(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    tr_in(Lang::En, id, args)
}

/// A sentence from the airing log in the process's language.
pub fn logged(text: &str) -> String {
    logged_in(current(), text)
}

/// A sentence from the airing log in `lang`: a known sentence in its
/// words there (its values too, when they are known sentences), any other
/// as written.
pub fn logged_in(lang: Lang, text: &str) -> String {
    for id in LOGGED {
        let Some(values) = recognise(Lang::En, id, text) else {
            continue;
        };
        let shown: Vec<(String, String)> = values
            .into_iter()
            .map(|(name, value)| (name, logged_in(lang, &value)))
            .collect();
        let args: Vec<(&str, Arg<'_>)> = shown
            .iter()
            .map(|(name, value)| (name.as_str(), Arg::from(value.as_str())))
            .collect();
        return tr_in(lang, id, &args);
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_reason_is_shown_in_vietnamese() {
        assert_eq!(logged_in(Lang::En, "shutdown"), "shutdown");
        assert_ne!(logged_in(Lang::Vi, "shutdown"), "shutdown");
        assert_ne!(logged_in(Lang::Vi, "nothing aired"), "nothing aired");
        // Written as literals where the daemon closes an airing.
        for written in [
            "the daemon stopped during the airing (crash, kill or power cut)",
            "player thread failed",
        ] {
            assert_ne!(logged_in(Lang::Vi, written), written);
        }
    }

    #[test]
    fn a_reason_inside_a_reason_is_shown_in_vietnamese_too() {
        let inner = for_the_log("reason-nothing-aired", &[]);
        let outer = for_the_log("reason-reopened", &[("failure", Arg::from(inner.as_str()))]);
        let shown = logged_in(Lang::Vi, &outer);
        assert_eq!(
            shown,
            tr_in(
                Lang::Vi,
                "reason-reopened",
                &[("failure", Arg::from(logged_in(Lang::Vi, &inner)))]
            )
        );
        assert!(!shown.contains("nothing aired"), "{shown}");
    }

    #[test]
    fn an_unknown_reason_is_shown_as_written() {
        assert_eq!(
            logged_in(Lang::Vi, "snd_pcm_open: Device or resource busy"),
            "snd_pcm_open: Device or resource busy"
        );
    }
}
