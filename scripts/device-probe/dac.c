/*
 * loadac: a test sound card for scripts/bench-device-timing that behaves
 * like a real DAC and tells its delay as one does.
 *
 * An ALSA external I/O plugin (alsa-lib's ioplug API). Its hardware
 * pointer advances by CLOCK_MONOTONIC at exactly 48,000 frames a second
 * from the moment the stream starts (the DAC plays frame n at start + n/48
 * kHz), its `delay` is the frames written and not yet played (what a sound
 * card's snd_pcm_delay reports: its whole buffer), and when the pointer
 * catches up with what was written the stream underruns (xrun), as a card
 * with the usual stop threshold does. Nothing is buffered anywhere ALSA
 * cannot see, so an application that trusts snd_pcm_delay can place its
 * first frame exactly on this card.
 *
 * Each airing's first sound is timestamped as it plays: the first frame
 * with a sample above THRESHOLD after at least a second of silence in the
 * stream. When the pointer passes it, a line is appended to the file named
 * by the `file` setting, else $LOA_PROBE_OUT, else /tmp/loa-dac.txt:
 *
 *   onset <CLOCK_REALTIME s> 0 <CLOCK_MONOTONIC s>
 *
 * (the 0: frames buffered where ALSA cannot see them, none on this card;
 * the format probe.py writes, which the bench reads). Also `start` and
 * `xrun` lines, for diagnosis.
 *
 * LOA_DAC_POINTER_STEP=N makes the pointer (and so the delay) move N
 * frames at a time, as on a card that updates it once a period; the sound
 * still plays by the exact clock.
 *
 * Build:  gcc -shared -fPIC -O2 -o libasound_module_pcm_loadac.so dac.c -lasound
 * Use:    pcm_type.loadac { lib "/path/to/libasound_module_pcm_loadac.so" }
 *         pcm.dac { type loadac }   (file "/path/onsets.txt" optional)
 */
#define _GNU_SOURCE
#include <alsa/asoundlib.h>
#include <alsa/pcm_external.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define RATE 48000
#define CHANNELS 2
#define FRAME_BYTES (2 * CHANNELS)
#define THRESHOLD 300        /* |sample| above this is sound (-40 dBFS) */
#define QUIET_FRAMES RATE    /* a second of silence ends a sound */
#define MAX_PENDING 64       /* onsets written but not yet played */
#define NS 1000000000ULL

typedef struct {
	snd_pcm_ioplug_t io;
	pthread_mutex_t lock;
	int timer_fd;
	char *out_path;
	int running;          /* the clock runs: started, no xrun since */
	int xrun;             /* ran dry; until the next prepare */
	uint64_t start_ns;    /* CLOCK_MONOTONIC instant frame 0 plays */
	uint64_t written;     /* frames written since prepare */
	uint64_t stopped_at;  /* frames played when the clock stopped */
	uint64_t avail_min;
	uint64_t step;        /* the pointer moves this many frames at a time */
	uint64_t quiet;       /* silent frames before the next written one */
	uint64_t pending[MAX_PENDING];
	int n_pending;
} dac_t;

static uint64_t clock_ns(clockid_t clock)
{
	struct timespec now;
	clock_gettime(clock, &now);
	return (uint64_t)now.tv_sec * NS + (uint64_t)now.tv_nsec;
}

/* Frames the clock has played since the start (not limited by what was
 * written: beyond it is an underrun). */
static uint64_t clock_frames(const dac_t *dac, uint64_t now)
{
	if (!dac->running)
		return dac->stopped_at;
	if (now <= dac->start_ns)
		return 0;
	uint64_t frames = (uint64_t)((unsigned __int128)(now - dac->start_ns) * RATE / NS);
	return frames / dac->step * dac->step;
}

/* The CLOCK_MONOTONIC instant frame `frame` plays. */
static uint64_t frame_ns(const dac_t *dac, uint64_t frame)
{
	return dac->start_ns + (uint64_t)((unsigned __int128)frame * NS / RATE);
}

static void note(dac_t *dac, const char *what, uint64_t mono_ns, uint64_t value)
{
	uint64_t real = clock_ns(CLOCK_REALTIME), mono = clock_ns(CLOCK_MONOTONIC);
	int64_t at = (int64_t)real + ((int64_t)mono_ns - (int64_t)mono);
	int fd = open(dac->out_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	dprintf(fd, "%s %lld.%06lld %llu %llu.%06llu\n", what,
		(long long)(at / (int64_t)NS), (long long)(at % (int64_t)NS / 1000),
		(unsigned long long)value, (unsigned long long)(mono_ns / NS),
		(unsigned long long)(mono_ns % NS / 1000));
	close(fd);
}

/* Writes the onsets the clock has played (frames before `played`). */
static void confirm(dac_t *dac, uint64_t played)
{
	int kept = 0;
	for (int i = 0; i < dac->n_pending; i++) {
		if (dac->pending[i] < played)
			note(dac, "onset", frame_ns(dac, dac->pending[i]), 0);
		else
			dac->pending[kept++] = dac->pending[i];
	}
	dac->n_pending = kept;
}

static void arm(dac_t *dac, uint64_t at_ns)
{
	struct itimerspec spec = { 0 };
	/* 0 would disarm: 1 ns is long past, so the timer fires at once. */
	if (at_ns == 0)
		at_ns = 1;
	spec.it_value.tv_sec = at_ns / NS;
	spec.it_value.tv_nsec = at_ns % NS;
	timerfd_settime(dac->timer_fd, TFD_TIMER_ABSTIME, &spec, NULL);
}

/* Sets the poll timer for when avail_min frames are free, and says whether
 * they are now (1), the stream ran dry (-1), or neither (0). */
static int schedule_wakeup(dac_t *dac, uint64_t now)
{
	uint64_t buffer = dac->io.buffer_size;
	uint64_t played = clock_frames(dac, now);
	if (dac->xrun || (dac->running && played >= dac->written)) {
		arm(dac, 0);
		return -1;
	}
	uint64_t queued = dac->written - played;
	if (dac->running && dac->io.state == SND_PCM_STATE_DRAINING) {
		/* Draining: nothing to wait for but the end. */
		arm(dac, frame_ns(dac, dac->written));
		return 0;
	}
	if (buffer - queued >= dac->avail_min) {
		arm(dac, 0);
		return 1;
	}
	if (dac->running) {
		uint64_t frame = dac->written + dac->avail_min - buffer;
		frame = (frame + dac->step - 1) / dac->step * dac->step;
		arm(dac, frame_ns(dac, frame) + 1);
	}
	else {
		struct itimerspec off = { 0 };
		timerfd_settime(dac->timer_fd, 0, &off, NULL);
	}
	return 0;
}

/* The clock caught up with the writes: the DAC ran dry. Everything
 * written has played. */
static void underrun(dac_t *dac)
{
	confirm(dac, dac->written);
	note(dac, "xrun", frame_ns(dac, dac->written), dac->written);
	dac->xrun = 1;
	dac->running = 0;
	dac->stopped_at = dac->written;
}

static int dac_start(snd_pcm_ioplug_t *io)
{
	dac_t *dac = io->private_data;
	pthread_mutex_lock(&dac->lock);
	dac->start_ns = clock_ns(CLOCK_MONOTONIC);
	dac->running = 1;
	note(dac, "start", dac->start_ns, dac->written);
	schedule_wakeup(dac, dac->start_ns);
	pthread_mutex_unlock(&dac->lock);
	return 0;
}

static int dac_stop(snd_pcm_ioplug_t *io)
{
	dac_t *dac = io->private_data;
	pthread_mutex_lock(&dac->lock);
	if (dac->running) {
		uint64_t played = clock_frames(dac, clock_ns(CLOCK_MONOTONIC));
		if (played > dac->written)
			played = dac->written;
		confirm(dac, played);
		dac->stopped_at = played;
	}
	dac->running = 0;
	dac->n_pending = 0; /* written, never played */
	pthread_mutex_unlock(&dac->lock);
	return 0;
}

static snd_pcm_sframes_t dac_pointer(snd_pcm_ioplug_t *io)
{
	dac_t *dac = io->private_data;
	snd_pcm_sframes_t result;
	pthread_mutex_lock(&dac->lock);
	uint64_t played = clock_frames(dac, clock_ns(CLOCK_MONOTONIC));
	if (dac->running && played >= dac->written)
		underrun(dac);
	if (dac->xrun) {
		result = -EPIPE;
	} else {
		confirm(dac, played);
		/* Never a whole buffer since the last call: that would have
		 * been an underrun. */
		result = (snd_pcm_sframes_t)(played % io->buffer_size);
	}
	pthread_mutex_unlock(&dac->lock);
	return result;
}

static int dac_delay(snd_pcm_ioplug_t *io, snd_pcm_sframes_t *delay)
{
	dac_t *dac = io->private_data;
	int result = 0;
	pthread_mutex_lock(&dac->lock);
	uint64_t played = clock_frames(dac, clock_ns(CLOCK_MONOTONIC));
	if (dac->running && played >= dac->written)
		underrun(dac);
	if (dac->xrun)
		result = -EPIPE;
	else
		*delay = (snd_pcm_sframes_t)(dac->written - played);
	pthread_mutex_unlock(&dac->lock);
	return result;
}

static snd_pcm_sframes_t dac_transfer(snd_pcm_ioplug_t *io,
				      const snd_pcm_channel_area_t *areas,
				      snd_pcm_uframes_t offset,
				      snd_pcm_uframes_t size)
{
	dac_t *dac = io->private_data;
	pthread_mutex_lock(&dac->lock);
	for (snd_pcm_uframes_t i = 0; i < size; i++) {
		int loud = 0;
		for (unsigned int ch = 0; ch < io->channels; ch++) {
			const snd_pcm_channel_area_t *area = &areas[ch];
			const int16_t *sample = (const int16_t *)
				((const char *)area->addr +
				 (area->first + (offset + i) * area->step) / 8);
			if (*sample > THRESHOLD || *sample < -THRESHOLD)
				loud = 1;
		}
		if (loud) {
			if (dac->quiet >= QUIET_FRAMES && dac->n_pending < MAX_PENDING)
				dac->pending[dac->n_pending++] = dac->written + i;
			dac->quiet = 0;
		} else {
			dac->quiet++;
		}
	}
	dac->written += size;
	schedule_wakeup(dac, clock_ns(CLOCK_MONOTONIC));
	pthread_mutex_unlock(&dac->lock);
	return size;
}

static int dac_prepare(snd_pcm_ioplug_t *io)
{
	dac_t *dac = io->private_data;
	pthread_mutex_lock(&dac->lock);
	dac->running = 0;
	dac->xrun = 0;
	dac->written = 0;
	dac->stopped_at = 0;
	dac->n_pending = 0;
	schedule_wakeup(dac, clock_ns(CLOCK_MONOTONIC));
	pthread_mutex_unlock(&dac->lock);
	return 0;
}

static int dac_sw_params(snd_pcm_ioplug_t *io, snd_pcm_sw_params_t *params)
{
	dac_t *dac = io->private_data;
	snd_pcm_uframes_t avail_min;
	if (snd_pcm_sw_params_get_avail_min(params, &avail_min) == 0) {
		pthread_mutex_lock(&dac->lock);
		dac->avail_min = avail_min ? avail_min : 1;
		pthread_mutex_unlock(&dac->lock);
	}
	return 0;
}

static int dac_poll_revents(snd_pcm_ioplug_t *io, struct pollfd *pfds,
			    unsigned int nfds, unsigned short *revents)
{
	dac_t *dac = io->private_data;
	(void)pfds;
	(void)nfds;
	pthread_mutex_lock(&dac->lock);
	switch (schedule_wakeup(dac, clock_ns(CLOCK_MONOTONIC))) {
	case 1:
		*revents = POLLOUT;
		break;
	case -1:
		*revents = POLLOUT | POLLERR;
		break;
	default:
		*revents = 0;
	}
	pthread_mutex_unlock(&dac->lock);
	return 0;
}

static int dac_close(snd_pcm_ioplug_t *io)
{
	dac_t *dac = io->private_data;
	close(dac->timer_fd);
	pthread_mutex_destroy(&dac->lock);
	free(dac->out_path);
	free(dac);
	return 0;
}

static const snd_pcm_ioplug_callback_t dac_callbacks = {
	.start = dac_start,
	.stop = dac_stop,
	.pointer = dac_pointer,
	.transfer = dac_transfer,
	.close = dac_close,
	.prepare = dac_prepare,
	.sw_params = dac_sw_params,
	.poll_revents = dac_poll_revents,
	.delay = dac_delay,
};

static int set_constraints(snd_pcm_ioplug_t *io)
{
	static const unsigned int access[] = { SND_PCM_ACCESS_RW_INTERLEAVED };
	static const unsigned int formats[] = { SND_PCM_FORMAT_S16_LE };
	int err;
	if ((err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_ACCESS, 1, access)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_FORMAT, 1, formats)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_CHANNELS, CHANNELS, CHANNELS)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_RATE, RATE, RATE)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_PERIOD_BYTES,
						   32 * FRAME_BYTES, 65536 * FRAME_BYTES)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_PERIODS, 2, 64)) < 0 ||
	    (err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_BUFFER_BYTES,
						   64 * FRAME_BYTES, 262144 * FRAME_BYTES)) < 0)
		return err;
	return 0;
}

SND_PCM_PLUGIN_DEFINE_FUNC(loadac)
{
	snd_config_iterator_t i, next;
	const char *path = NULL;
	dac_t *dac;
	int err;

	(void)root;
	snd_config_for_each(i, next, conf) {
		snd_config_t *node = snd_config_iterator_entry(i);
		const char *id;
		if (snd_config_get_id(node, &id) < 0)
			continue;
		if (!strcmp(id, "comment") || !strcmp(id, "type") || !strcmp(id, "hint"))
			continue;
		if (!strcmp(id, "file")) {
			if (snd_config_get_string(node, &path) < 0) {
				SNDERR("loadac: file must be a string");
				return -EINVAL;
			}
			continue;
		}
		SNDERR("loadac: unknown setting %s", id);
		return -EINVAL;
	}
	if (stream != SND_PCM_STREAM_PLAYBACK) {
		SNDERR("loadac: playback only");
		return -EINVAL;
	}
	if (!path)
		path = getenv("LOA_PROBE_OUT");
	if (!path || !*path)
		path = "/tmp/loa-dac.txt";

	dac = calloc(1, sizeof(*dac));
	if (!dac)
		return -ENOMEM;
	pthread_mutex_init(&dac->lock, NULL);
	dac->out_path = strdup(path);
	dac->quiet = QUIET_FRAMES; /* the card was silent before it opened */
	dac->avail_min = 1;
	dac->step = 1;
	if (getenv("LOA_DAC_POINTER_STEP") && atoi(getenv("LOA_DAC_POINTER_STEP")) > 1)
		dac->step = (uint64_t)atoi(getenv("LOA_DAC_POINTER_STEP"));
	dac->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (dac->timer_fd < 0 || !dac->out_path) {
		err = dac->timer_fd < 0 ? -errno : -ENOMEM;
		if (dac->timer_fd >= 0)
			close(dac->timer_fd);
		free(dac->out_path);
		free(dac);
		return err;
	}
	dac->io.version = SND_PCM_IOPLUG_VERSION;
	dac->io.name = "loa test DAC (exact 48 kHz clock, honest delay)";
	dac->io.callback = &dac_callbacks;
	dac->io.private_data = dac;
	dac->io.poll_fd = dac->timer_fd;
	dac->io.poll_events = POLLIN;
	dac->io.mmap_rw = 0;

	err = snd_pcm_ioplug_create(&dac->io, name, stream, mode);
	if (err < 0) {
		close(dac->timer_fd);
		free(dac->out_path);
		free(dac);
		return err;
	}
	err = set_constraints(&dac->io);
	if (err < 0) {
		snd_pcm_ioplug_delete(&dac->io);
		return err;
	}
	*pcmp = dac->io.pcm;
	return 0;
}

SND_PCM_PLUGIN_SYMBOL(loadac);
