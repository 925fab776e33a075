//! Playing one airing: preparing the player on a blocking thread, recording
//! the start just before the instant (or once some of it went out), and
//! what became of it. The daemon's loop (`mod.rs`) decides what airs when.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Daemon, records};
use crate::airlog::RecordKind;
use crate::clock::to_chrono;
use crate::playout::player::Player;
use crate::playout::report::AiringReport;
use crate::selection::ReadyAiring;

/// How long before its instant an airing's start is recorded: the output is
/// open and the audio primed by then, and a stop before it leaves no
/// `airing_start` for an airing that never aired.
const START_RECORD_LEAD: Duration = Duration::from_millis(50);
/// How often the daemon looks at the clock while the player waits for the
/// instant.
const START_WATCH_STEP: Duration = Duration::from_millis(20);
/// What became of an airing once its output was prepared.
pub(super) enum Prepared {
    /// It was recorded as started, and played.
    Played(Box<AiringReport>),
    /// The wall clock had passed its grace: nothing aired or recorded.
    TooLate {
        /// Because the clock stepped (not because preparing was slow).
        clock_stepped: bool,
    },
    /// The daemon was stopped before the airing's instant: it did not
    /// start, and nothing is recorded (the next start decides its fate:
    /// aired late within grace, or missed with the daemon down).
    StoppedBefore,
}

impl Daemon {
    /// Prepares, records the start, plays, all on a blocking thread (the
    /// output's writes block to pace the audio). Nothing is recorded when
    /// the wall clock reads past `latest_start` once the output is ready.
    pub(super) async fn play(
        &mut self,
        airing: ReadyAiring,
        deadline: DateTime<Utc>,
        latest_start: DateTime<Utc>,
    ) -> Prepared {
        self.play_airing(airing, deadline, latest_start, true).await
    }

    /// [`Self::play`] without the `airing_start` record: announcements are
    /// recorded whole when they end.
    pub(super) async fn play_unrecorded(
        &mut self,
        airing: ReadyAiring,
        deadline: DateTime<Utc>,
        latest_start: DateTime<Utc>,
    ) -> Prepared {
        self.play_airing(airing, deadline, latest_start, false)
            .await
    }

    async fn play_airing(
        &mut self,
        airing: ReadyAiring,
        deadline: DateTime<Utc>,
        latest_start: DateTime<Utc>,
        record_start: bool,
    ) -> Prepared {
        let Some(player) = self.player.take() else {
            return Prepared::Played(Box::new(self.player_lost(&airing)));
        };
        let (wall_before, real_before) = (self.clock.now(), std::time::Instant::now());
        let Some(player) = prepare_player(player, &airing).await else {
            return Prepared::Played(Box::new(self.player_lost(&airing)));
        };
        let now = self.clock.now();
        if now > latest_start {
            self.release(player, airing, now).await;
            // More wall-clock time than real time went by: the clock stepped.
            let real = to_chrono(real_before.elapsed());
            let clock_stepped = now - wall_before > real + chrono::Duration::seconds(1);
            return Prepared::TooLate { clock_stepped };
        }
        let start_at = airing.scheduled.max(now);
        self.set_status(|s| s.on_air(&airing, start_at));
        self.play_prepared(player, airing, start_at, deadline, record_start)
            .await
    }

    /// Plays on a prepared player from `start_at`, recording the start
    /// (when `record_start`) just before the instant, or once the player
    /// reports that some of the airing went out.
    async fn play_prepared(
        &mut self,
        mut player: Box<dyn Player>,
        airing: ReadyAiring,
        start_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        record_start: bool,
    ) -> Prepared {
        let stop = self.shutdown.clone();
        let for_play = airing.clone();
        // The player waits for the instant on its own thread (to the
        // millisecond); the start is recorded just before it, unless the
        // daemon was stopped first: then nothing airs and nothing is
        // recorded.
        if record_start {
            self.on_air.begin(&airing);
        }
        let mut playing = tokio::task::spawn_blocking(move || {
            let report = player.play(&for_play, start_at, deadline, &stop);
            (player, report)
        });
        // Regression: a clock stepped back while the player aired left
        // this wait watching for an instant a day away that nothing would
        // bring (a simulated clock moves only with the player, which had
        // finished): the daemon hung. The player's end also ends the wait,
        // and what it reports decides whether the airing began.
        let mut finished = None;
        let began = !record_start
            || tokio::select! {
                reached = self.reached(start_at - to_chrono(START_RECORD_LEAD)) => reached,
                result = &mut playing => {
                    finished = Some(result);
                    false
                }
            };
        if record_start && began {
            self.append(RecordKind::AiringStart(records::airing_start(
                &airing, start_at,
            )));
        }
        let result = match finished {
            Some(result) => result,
            None => playing.await,
        };
        match result {
            Ok((player, report)) => {
                self.player = Some(player);
                if !began {
                    if report.aired_nothing() {
                        return Prepared::StoppedBefore;
                    }
                    // Stopped just as it began, or the clock stepped back
                    // while it aired, and some of it went out: it did start.
                    self.append(RecordKind::AiringStart(records::airing_start(
                        &airing, start_at,
                    )));
                }
                Prepared::Played(Box::new(report))
            }
            Err(_) => Prepared::Played(Box::new(self.player_lost(&airing))),
        }
    }

    /// Waits until the daemon's clock reads `instant`; false when the
    /// daemon was stopped first. It only watches the clock (the player,
    /// on its own thread, is what waits for the instant precisely), so a
    /// simulated clock is moved by the player alone.
    async fn reached(&self, instant: DateTime<Utc>) -> bool {
        loop {
            if self.shutdown.is_triggered() {
                return false;
            }
            let now = self.clock.now();
            if now >= instant {
                return true;
            }
            let left = (instant - now)
                .to_std()
                .unwrap_or_default()
                .min(START_WATCH_STEP);
            tokio::select! {
                _ = tokio::time::sleep(left) => {}
                _ = self.shutdown.wait() => return false,
            }
        }
    }

    /// Lets a prepared player close its output without airing anything:
    /// a play whose deadline has already passed writes nothing.
    async fn release(
        &mut self,
        mut player: Box<dyn Player>,
        airing: ReadyAiring,
        now: DateTime<Utc>,
    ) {
        let stop = self.shutdown.clone();
        if let Ok(player) = tokio::task::spawn_blocking(move || {
            let _ = player.play(&airing, now, now, &stop);
            player
        })
        .await
        {
            self.player = Some(player);
        }
    }

    pub(super) fn player_lost(&mut self, airing: &ReadyAiring) -> AiringReport {
        tracing::error!(slot = %airing.slot, "{}", crate::tr!("journal-player-failed"));
        self.shutdown.trigger();
        let now = self.clock.now();
        AiringReport {
            started: now,
            ended: now,
            outcome: crate::playout::report::AiringOutcome::Failed(
                crate::text::reason::for_the_log("reason-player-thread-failed", &[]),
            ),
            segments: Vec::new(),
            device_failures: Vec::new(),
            interruptions: Vec::new(),
            relay: None,
        }
    }
}

/// Prepares `player` for `airing` on a blocking thread (opening an output
/// and decoding ahead block); `None` when that thread failed.
async fn prepare_player(
    mut player: Box<dyn Player>,
    airing: &ReadyAiring,
) -> Option<Box<dyn Player>> {
    let for_prepare = airing.clone();
    tokio::task::spawn_blocking(move || {
        player.prepare(&for_prepare);
        player
    })
    .await
    .ok()
}
