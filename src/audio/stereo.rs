//! Channel mapping: whatever symphonia decoded, as interleaved stereo f32.

use symphonia::core::audio::{AudioBuffer, AudioBufferRef, Channels, Signal};
use symphonia::core::conv::IntoSample;
use symphonia::core::sample::Sample;

/// Appends `buffer` to `out` as interleaved stereo f32 at the buffer's own
/// rate. Mono is copied to both sides (a mono bulletin should come out of
/// both loudspeakers at full level); stereo as it is; more channels are
/// downmixed to stereo as ITU-R BS.775 says (see [`downmix_gains`]).
pub(crate) fn append_stereo(buffer: &AudioBufferRef<'_>, out: &mut Vec<f32>) {
    match buffer {
        AudioBufferRef::U8(b) => append_typed(b, out),
        AudioBufferRef::U16(b) => append_typed(b, out),
        AudioBufferRef::U24(b) => append_typed(b, out),
        AudioBufferRef::U32(b) => append_typed(b, out),
        AudioBufferRef::S8(b) => append_typed(b, out),
        AudioBufferRef::S16(b) => append_typed(b, out),
        AudioBufferRef::S24(b) => append_typed(b, out),
        AudioBufferRef::S32(b) => append_typed(b, out),
        AudioBufferRef::F32(b) => append_typed(b, out),
        AudioBufferRef::F64(b) => append_typed(b, out),
    }
}

fn append_typed<S: Sample + IntoSample<f32>>(buffer: &AudioBuffer<S>, out: &mut Vec<f32>) {
    let layout = buffer.spec().channels;
    let channels = layout.count();
    if channels == 0 || buffer.frames() == 0 {
        return;
    }
    out.reserve(buffer.frames() * 2);
    if channels <= 2 {
        let left = buffer.chan(0);
        let right = buffer.chan(if channels > 1 { 1 } else { 0 });
        for (&l, &r) in left.iter().zip(right) {
            out.push(l.into_sample());
            out.push(r.into_sample());
        }
        return;
    }
    let gains = downmix_gains(layout);
    let start = out.len();
    out.resize(start + buffer.frames() * 2, 0.0);
    for (plane, (left_gain, right_gain)) in gains.iter().enumerate() {
        if *left_gain == 0.0 && *right_gain == 0.0 {
            continue;
        }
        for (frame, &sample) in buffer.chan(plane).iter().enumerate() {
            let value: f32 = sample.into_sample();
            out[start + 2 * frame] += value * left_gain;
            out[start + 2 * frame + 1] += value * right_gain;
        }
    }
}

/// −3 dB, the ITU-R BS.775 weight of the centre and surround channels.
const MINUS_3_DB: f32 = std::f32::consts::FRAC_1_SQRT_2;

/// Per decoded plane (in symphonia's order, ascending channel bits), its
/// gains into left and right: the ITU-R BS.775 stereo downmix
/// (`L = L + 0.707 C + 0.707 Ls`, `R = R + 0.707 C + 0.707 Rs`, LFE left
/// out). A multichannel file used to lose everything but its front pair:
/// the centre, where speech sits, among it.
fn downmix_gains(layout: Channels) -> Vec<(f32, f32)> {
    let left = Channels::FRONT_LEFT | Channels::FRONT_LEFT_CENTRE | Channels::FRONT_LEFT_WIDE;
    let right = Channels::FRONT_RIGHT | Channels::FRONT_RIGHT_CENTRE | Channels::FRONT_RIGHT_WIDE;
    let surround_left = Channels::REAR_LEFT | Channels::SIDE_LEFT | Channels::REAR_LEFT_CENTRE;
    let surround_right = Channels::REAR_RIGHT | Channels::SIDE_RIGHT | Channels::REAR_RIGHT_CENTRE;
    (0..32)
        .map(|bit| Channels::from_bits_truncate(1 << bit))
        .filter(|flag| !flag.is_empty() && layout.contains(*flag))
        .map(|flag| {
            if left.contains(flag) {
                (1.0, 0.0)
            } else if right.contains(flag) {
                (0.0, 1.0)
            } else if flag == Channels::FRONT_CENTRE {
                (MINUS_3_DB, MINUS_3_DB)
            } else if surround_left.contains(flag) {
                (MINUS_3_DB, 0.0)
            } else if surround_right.contains(flag) {
                (0.0, MINUS_3_DB)
            } else if flag == Channels::LFE1 || flag == Channels::LFE2 {
                (0.0, 0.0)
            } else {
                // Rear centre, top and other positions: half to each side.
                (0.5, 0.5)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_point_one_follows_bs775() {
        let layout = Channels::FRONT_LEFT
            | Channels::FRONT_RIGHT
            | Channels::FRONT_CENTRE
            | Channels::LFE1
            | Channels::REAR_LEFT
            | Channels::REAR_RIGHT;
        let gains = downmix_gains(layout);
        assert_eq!(gains.len(), 6);
        assert_eq!(gains[0], (1.0, 0.0));
        assert_eq!(gains[1], (0.0, 1.0));
        assert_eq!(gains[2], (MINUS_3_DB, MINUS_3_DB));
        assert_eq!(gains[3], (0.0, 0.0));
        assert_eq!(gains[4], (MINUS_3_DB, 0.0));
        assert_eq!(gains[5], (0.0, MINUS_3_DB));
    }
}
