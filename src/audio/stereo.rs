//! Channel mapping: whatever symphonia decoded, as interleaved stereo f32.

use symphonia::core::audio::{AudioBuffer, AudioBufferRef, Signal};
use symphonia::core::conv::IntoSample;
use symphonia::core::sample::Sample;

/// Appends `buffer` to `out` as interleaved stereo f32 at the buffer's own
/// rate. Mono is copied to both sides (a mono bulletin should come out of
/// both loudspeakers at full level); from more channels the first two, front
/// left and front right, are kept.
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
    let channels = buffer.spec().channels.count();
    if channels == 0 || buffer.frames() == 0 {
        return;
    }
    let left = buffer.chan(0);
    let right = buffer.chan(if channels > 1 { 1 } else { 0 });
    out.reserve(left.len() * 2);
    for (&l, &r) in left.iter().zip(right) {
        out.push(l.into_sample());
        out.push(r.into_sample());
    }
}
