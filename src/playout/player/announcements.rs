//! Announcements (`loa play --now`) cutting into an airing on its open
//! output: the airing pauses, every waiting announcement airs in turn (more
//! may arrive meanwhile), and each is recorded as an interruption of the
//! airing, with whether the airing resumed after it.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::priming::Primed;
use super::run::{Run, stop_reason};
use super::time::duration_to_samples;
use crate::plan::AudioPolicy;
use crate::playout::announcement::{Announcement, Announcements, Priority};
use crate::playout::output::Output;
use crate::playout::report::{AiringReport, Interruption};
use crate::shutdown::Shutdown;

/// Where an airing's announcements wait, and the pauses they caused.
#[derive(Default)]
pub(super) struct AnnouncementPauses {
    /// Where announcements wait; `None` while an announcement itself airs
    /// (announcements do not cut into each other: they queue).
    queue: Option<Arc<Announcements>>,
    /// Announcements that cut in so far.
    interruptions: Vec<Interruption>,
    /// Time spent paused for announcements (the watched stream does not
    /// count it, the wall clock does).
    paused: chrono::Duration,
    /// When the airing paused for the announcements airing now, and the
    /// first of their interruptions.
    pause: Option<(DateTime<Utc>, usize)>,
}

/// What the airing was doing when announcements cut in.
pub(super) struct CutInPoint<'s> {
    /// The segment interrupted (its index), if one was on air.
    pub(super) segment: Option<usize>,
    /// How far into it.
    pub(super) at: Duration,
    /// The airing's slot, for the journal.
    pub(super) slot: &'s str,
}

impl AnnouncementPauses {
    /// Announcements in `queue` may cut in.
    pub(super) fn listen(&mut self, queue: Option<Arc<Announcements>>) {
        self.queue = queue;
    }

    /// Whether an announcement of at least `priority` waits.
    pub(super) fn due(&self, priority: Priority) -> bool {
        self.queue
            .as_ref()
            .and_then(|a| a.pending())
            .is_some_and(|p| p >= priority)
    }

    /// Airs every waiting announcement of priority or emergency on the open
    /// output, recording each as an interruption at `point`. False when
    /// nothing listens for announcements (nothing aired, nothing paused).
    pub(super) fn air_waiting(
        &mut self,
        point: CutInPoint<'_>,
        policy: &AudioPolicy,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> bool {
        let Some(queue) = self.queue.clone() else {
            return false;
        };
        self.pause = Some((Utc::now(), self.interruptions.len()));
        loop {
            let batch = queue.take(Priority::Priority);
            if batch.is_empty() || stop.is_triggered() {
                break;
            }
            for announcement in batch {
                self.air_one(&queue, announcement, &point, policy, output, stop);
            }
        }
        queue.airing_now(None);
        true
    }

    fn air_one(
        &mut self,
        queue: &Announcements,
        announcement: Announcement,
        point: &CutInPoint<'_>,
        policy: &AudioPolicy,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) {
        let paused_from = Utc::now();
        tracing::warn!(
            priority = announcement.priority.name(),
            source = %announcement.source,
            slot = %point.slot,
            "{}", crate::tr!("journal-announcement-cuts-in")
        );
        queue.airing_now(Some(&announcement));
        let aired = air_announcement(&announcement, policy, output, stop);
        self.interruptions.push(Interruption {
            announcement,
            aired: Box::new(aired),
            segment: point.segment,
            at: point.at,
            paused_from,
            paused_until: Utc::now(),
            resumed: false,
        });
    }

    /// Ends the pause at `now`: its time counts as paused, and its
    /// interruptions learn whether the airing `resumed`.
    pub(super) fn end(&mut self, now: DateTime<Utc>, resumed: bool) {
        if let Some((began, first)) = self.pause.take() {
            self.paused += now - began;
            for interruption in &mut self.interruptions[first..] {
                interruption.resumed = resumed;
            }
        }
    }

    /// Time spent paused so far.
    pub(super) fn paused(&self) -> chrono::Duration {
        self.paused
    }

    /// The interruptions, for the report.
    pub(super) fn into_interruptions(self) -> Vec<Interruption> {
        self.interruptions
    }
}

/// Airs one announcement on an output already playing (an airing it cut
/// into), leaving the output open for the airing to resume.
fn air_announcement(
    announcement: &Announcement,
    policy: &AudioPolicy,
    output: &mut dyn Output,
    stop: &Shutdown,
) -> AiringReport {
    let started = Utc::now();
    let airing = announcement.as_airing(started);
    let deadline = started + crate::clock::to_chrono(airing.max);
    let mut run = Run::new(&airing, deadline, policy);
    run.start(started, duration_to_samples(airing.max));
    for (index, segment) in airing.segments.iter().enumerate() {
        if stop.is_triggered() {
            break;
        }
        let source = Primed::prime(segment, policy).into_source();
        run.play_segment(index, source, output, stop);
    }
    run.flush_limiter(output, stop);
    run.into_report(Utc::now(), stop_reason(stop, None))
}
