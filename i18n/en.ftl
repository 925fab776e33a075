# loa's messages in English. One message per id; `{ $name }` is a value
# filled in by loa. Every id here is also in vi.ftl, with the same values.
# Terms: docs/vi/thuat-ngu.md.

## loa check: diagnostics

diagnostic-error = error
diagnostic-warning = warning
diagnostic-help = help
config-files-unreadable = { $path }: cannot read the config file: { $detail }
config-files-invalid = { $path }: { $detail } (run `loa check -c { $path }` for the full list of problems)
config-invalid-summary = { $path }: { $count ->
        [one] 1 error
       *[other] { $count } errors
    } (listed above); fix them and run `loa check -c { $path }` again
expected-string = a string in quotes, like "text"
expected-integer = a whole number, like 3
expected-bool = true or false
expected-date = a date without quotes, like 2021-03-03
expected-string-array = a list of strings, like ["05:30", "17:00"]
expected-table = a table, like [station]
expected-table-array = a list of tables, like [[slot]]
config-cannot-read = cannot read this file: { $detail }
config-toml-syntax = this is not valid TOML: { $detail }
config-unknown-key = unknown key `{ $key }` in { $table }
config-wrong-type = `{ $key }` must be { $expected }
config-missing-key = { $table } is missing `{ $key }`
config-bad-station-id = invalid station id { $value }
config-bad-slot-name = invalid slot name { $value }
config-duplicate-slot = a slot named { $name } is already defined on line { $line }
config-bad-time = { $value } is not a time of day
config-duplicate-time = time { $value } is listed twice
config-empty-at = this slot has no times or no days to air
config-bad-cron = invalid cron expression { $value }: { $detail }
config-at-and-cron = a slot takes either `at` or `cron`, not both
config-playlist-and-relay = a slot takes either `playlist` or `relay`, not both
config-neither-playlist-nor-relay = this slot says neither what to air (`playlist`) nor a stream to relay (`relay`)
config-bad-relay-url = { $value } is not a stream address loa can relay: { $detail }
config-fallback-without-relay = `fallback` only goes with `relay`
config-neither-at-nor-cron = this slot says neither when to air (`at`) nor a `cron` rule
config-days-with-cron = `days` only goes with `at`; a cron rule has its own weekday field
config-bad-day = { $value } is not a day of the week
config-duplicate-day = day { $value } is listed twice
config-bad-duration = { $value } is not a duration
config-zero-duration = `{ $key }` must be longer than zero
config-duration-too-long = `{ $key }` = { $value } is longer than { $limit }
config-from-after-until = `from` ({ $from }) is after `until` ({ $until })
config-unknown-timezone = unknown time zone { $value }
config-bad-output = invalid output { $value }
config-bad-order = unknown order { $value }
config-bad-count = count = { $value } is not a usable number of segments
config-negative-number = `{ $key }` cannot be negative
config-bad-language = { $value } is not a language code
config-empty-text = `{ $key }` is empty
config-slots-overlap = slot { $slot } can run until { $ends } on { $date }, past the start of { $other } at { $starts }
config-unknown-playlist = there is no playlist named { $name }
config-bad-playlist-name = invalid playlist name { $value }
config-playlists-dir-missing = the playlists folder { $path } does not exist
config-empty-playlist = playlist { $name } has no usable segment
config-segment-missing = audio file { $file } not found
config-segment-not-audio = audio file { $file } cannot be played: { $detail }
config-segment-too-long = { $file } lasts { $duration }, longer than slot { $slot } allows (max = { $max }): it airs only first in an airing, and fades out at max
config-unknown-topic = topic { $code } is not in the topic catalogue
config-path-parent-dir = { $file } uses `..` to leave the playlists folder
config-path-absolute = { $file } is an absolute path; segment paths are relative to the playlists folder
config-path-symlink = { $file } is a link that points outside the playlists folder
config-name-not-utf8 = { $name }: the name is not valid UTF-8 (Unicode), so the file is left out
config-duplicate-segment = { $file } appears more than once in this playlist
config-duplicate-topic = topic { $code } is defined twice
config-bad-topic-code = topic code { $code } is out of range
config-nothing-valid-on-date = slot { $slot } has nothing to air on { $date }: every segment of { $playlist } is expired, not yet valid or unapproved
config-unused-playlist = playlist { $name } is not aired by any slot
config-bad-loudness = { $value } is not a loudness
config-loudness-out-of-range = loudness { $value } LUFS is outside { $low } to { $high } LUFS
config-bad-gain = { $value } is not a gain
config-gain-out-of-range = gain { $value } dB is more than { $limit } dB either way
config-bad-silence-setting = `{ $key }` = { $value } is neither a duration nor "off"
config-dead-air-too-short = `dead_air` = { $value } is shorter than { $min }: pauses in speech would count as dead air
config-quiet-segment = { $file } is very quiet ({ $loudness } LUFS): it needs { $gain } dB to reach { $target } LUFS, which lifts its noise too
config-silent-segment = { $file } is silent: nothing in it is above -50 dBFS; playout will skip it
config-mostly-silent = { $file } is mostly silence ({ $percent }% of it)
config-long-pause-inside = { $file } has { $length } of silence at { $at } (longer than dead_air = { $dead_air }): playout will take it for dead air and skip the rest of the file

config-bad-hub-url = { $value } is not a hub address loa can upload to: { $detail }
config-bad-hub-ca = the hub's certificate file { $path } cannot be used: { $detail }

## loa check: what to do

hint-did-you-mean-key = did you mean `{ $suggestion }`?
hint-unknown-key = remove it, or check its spelling against the configuration reference in README.md
hint-missing-key = add `{ $key } = ...` to this table
hint-quote-text = put text in quotes: `{ $line }`
hint-close-quote = a quote `"` opens on this line and is not closed: add the closing `"`
hint-add-equals = put `=` between the name and its value: `{ $line }`
hint-toml-syntax = check quotes, brackets and `=` on this line
hint-bad-station-id = use lowercase letters a-z, digits and '-', in parts joined by '/', like "soc-trang/my-xuyen/thanh-phu"
hint-bad-slot-name = use lowercase letters a-z, digits and '-', like "sang" or "chieu-t7"
hint-duplicate-slot = give each slot its own name
hint-bad-time = write times as HH:MM or HH:MM:SS, 00:00 to 23:59, like "05:30"
hint-remove-repeated = remove the repeated entry
hint-empty-at = list at least one time in `at` and one day in `days`
hint-bad-cron = use six fields with seconds first, like "0 30 5 * * Mon-Sat"
hint-keep-one = keep one of them
hint-playlist-and-relay = keep `relay` for a stream (with `fallback = "PLAYLIST"` to air when the stream cannot be had), or `playlist`
hint-neither-playlist-nor-relay = add `playlist = "cchc"`, or `relay = "http://…/stream.mp3"`
hint-bad-relay-url = write the stream's address as http://host/path or https://host/path (an .m3u or .pls that names the stream works too)
hint-fallback-without-relay = use `playlist` for what a slot airs; `fallback` names what a relay slot airs when its stream cannot be had
hint-neither-at-nor-cron = add `at = ["05:30"]` or `cron = "0 30 5 * * *"`
hint-days-with-cron = remove `days`, or use `at` instead of `cron`
hint-bad-day-suggestion = did you mean "{ $suggestion }"? days are T2, T3, T4, T5, T6, T7, CN (or thứ hai … chủ nhật, or mon … sun)
hint-bad-day = days are T2, T3, T4, T5, T6, T7, CN (or thứ hai … chủ nhật, or mon … sun)
hint-bad-duration = write durations like "90s", "15m" or "1h30m"
hint-zero-duration = give a length like "15m"
hint-duration-too-long = check the unit: m is minutes, h is hours
hint-from-after-until = swap the dates, or correct the one that is wrong
hint-did-you-mean-quoted = did you mean "{ $suggestion }"?
hint-unknown-timezone = use an IANA name, like "Asia/Ho_Chi_Minh"
hint-bad-output = use "default", a device name from `loa devices`, "wav:PATH" or "null"
hint-bad-order-suggestion = did you mean "{ $suggestion }"? orders are sequential, shuffle, rotate
hint-bad-order = orders are sequential, shuffle, rotate
hint-bad-count = use a number from 1 to 1000, or leave `count` out to fill `max`
hint-negative-number = use zero or more
hint-bad-language = use a two- or three-letter code like "vi" or "km"
hint-empty-text = write the text between the quotes
hint-slots-overlap = shorten `max`, or move one of the slots
hint-unknown-playlist = create playlists/NAME.toml or a folder playlists/NAME/
hint-playlists-dir-missing = create the folder, or fix `playlists` in [station]
hint-empty-playlist = add segments to the playlist, or fix the ones reported above
hint-segment-missing = copy the file into the playlists folder, or fix the name (paths are relative to the playlists folder)
hint-segment-not-audio = re-export or re-copy the file; supported: ogg, mp3, flac, wav
hint-segment-too-long = raise the slot's `max`, or use a shorter recording
hint-unknown-topic-suggestion = did you mean { $suggestion }? or add the topic to topics.toml
hint-unknown-topic = use a code from topics.toml, or add the topic there
hint-path-escapes = copy the file into the playlists folder and name it relative to it
hint-name-not-utf8 = rename it with a UTF-8 name (retype the Vietnamese letters on this machine, or `convmv -f cp1258 -t utf-8 --notest FILE`)
hint-duplicate-topic = give each topic its own code
hint-bad-topic-code = use a code from 1 to 9999
hint-nothing-valid-on-date = add segments valid on that date, approve them, or end the slot earlier
hint-unused-playlist = add a slot that airs it, or move it out of the playlists folder
hint-duplicate-segment = remove the repeated entry unless it should air twice per round
hint-wrong-type = write the value as { $expected }
hint-cannot-read = check that the file exists and that loa may read it
hint-bad-loudness = write the target like "-16 LUFS", or "off" to air files at their own level
hint-loudness-out-of-range = -16 LUFS suits loudspeakers; -23 LUFS is the broadcast norm
hint-bad-gain = write the gain like "+3 dB" or "-4.5 dB"
hint-gain-out-of-range = a file that needs this much gain should be recorded or exported again
hint-bad-silence-setting = write a duration like "1s" or "15s", or "off"
hint-dead-air-too-short = use "15s" (the default), or "off" to not watch for dead air
hint-quiet-segment = record or export it louder, or set `gain = "+N dB"` on the segment if that is how it should air
hint-silent-segment = check the recording: it may have been exported muted or from the wrong track
hint-mostly-silent = check the recording; silence at its start and end is skipped on air (`trim_silence`)
hint-long-pause-inside = cut the silence out of the file, or raise `dead_air` in [station]
hint-bad-hub-url = write the address the province gave, like hub = "https://hub.example.vn" (http only for a hub on this machine)
hint-bad-hub-ca = give the PEM file of the hub's certificate or of its CA, as the province sent it, or remove `ca` to trust the system's certificates

## loa check: the summary

check-ok = { $path }: ok — { $name } ({ $id })
check-counts = { $slots } slots, { $playlists } playlists, { $segments } segments, { $audio } of audio
check-next = next: { $airing }
check-next-none = next: nothing scheduled in the coming year
check-warnings-above = { $count } warning(s) above
check-failed = { $path }: { $errors } error(s), { $warnings } warning(s); the station cannot air until the errors are fixed
airing-headline = { $time } { $slot } — { $count } segments, { $length }

## loa schedule

schedule-day = { $weekday } { $date }
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
schedule-nothing-valid = (nothing valid to air)
schedule-total = { $total }  of max { $max }
schedule-empty = nothing scheduled in this range
schedule-relay = relay of { $url } for { $length }
schedule-no-fallback = no fallback: silence while the stream is away
schedule-fallback = fallback while the stream is away: { $count } segment(s), { $length } in turn

## Every command: an error and its causes

error-line = error: { $error }
error-cause = caused by: { $cause }

## Sentences the airing log holds (English there; recognised to be shown translated)

reason-shutdown = shutdown
reason-nothing-aired = nothing aired
reason-daemon-stopped = the daemon stopped during the airing (crash, kill or power cut)
reason-player-thread-failed = player thread failed
reason-file-missing = file missing
reason-relay-never-came = the stream gave no audio during the slot
reason-reopened = { $failure } (the output was reopened and the segment went on)

## loa report and loa export

period-unrecognised = period { $period } not understood; use 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 or 2021-03-01..2021-06-30
period-backwards = period { $from }..{ $to } ends before it begins
period-cutoff-not-applicable = --cutoff official applies to 6-month and yearly periods (2021-H1, 2021-H2, 2021), not to { $period }
topics-unreadable = { $path }: cannot read the topic catalogue
topics-bad-toml = { $path }: the topic catalogue is not valid TOML: { $detail } (`loa check` shows where)
bundle-unreadable = { $path }: cannot read the export bundle
bundle-no-manifest = { $path }: not a loa export bundle (a tar file made by `loa export`, with a manifest.json); give log directories as folders
bundle-bad-manifest = { $path }: the bundle's manifest.json is damaged: { $detail }
bundle-unknown-version = { $path }: bundle layout version { $version } is newer than this loa knows; update loa
bundle-bad-member = { $path }: the bundle's member { $name } is not a plain file, is too large or appears twice: the bundle was altered
input-unreadable = { $path }: cannot read this folder
tally-reread-failed = the log could not be read again after verification: { $detail }
tally-changed-because = the log changed after verification: { $detail }
tally-changed = the log changed after verification
tally-conflict = two exports of this station hold different records at record { $seq }: one of them was rewritten
tally-spool-failed = the per-airing rows could not be stored: { $detail }
slice-unreadable = { $path }: cannot read the airing log
slice-no-checkpoint = the airing log has no checkpoint yet to end the export at; the running daemon writes one every hour (or stop it and export again)
slice-since-not-in-log = the checkpoint given with --since (record { $seq }) is not in this station's log
export-key = { $error } (export signs a fresh checkpoint with the station key: run it as the station's user)
export-held-without-checkpoint = { $holder } is writing the airing log, and the log has no checkpoint yet to end the export at: export again when it has ended (`loa play` ends with its airing), or after the running daemon's next hourly checkpoint
export-unwritable = { $path }: cannot write the export
report-no-format = say which format: --format xlsx|csv|json|html, or an -o file ending in .xlsx, .csv, .json or .html
report-xlsx-needs-output = a workbook needs a file: add -o report.xlsx
report-no-log = { $path }: no airing log and no export bundle here (no air-YYYY-MM.jsonl file, no .tar bundle in it or below it)
report-unwritable = { $path }: cannot write the report
report-workbook-unwritable = { $path }: cannot write the workbook: { $detail }
report-wrote = wrote { $files }
report-counted = { $counted } of { $stations } stations verified and counted
report-not-counted = NOT counted (their logs did not verify; see the verification view): { $stations }
export-wrote = wrote { $path } for station { $station }
export-records = records:    { $first } to { $last }
export-checkpoint-signed = checkpoint: record { $seq }, signed now ({ $at })
export-checkpoint-newest = checkpoint: record { $seq } of { $at } ({ $holder } is writing the log, so this is its newest checkpoint; later records go in the next export)
export-another-process = another loa process
export-verified-ok = verified:   OK
export-verified-failed = verified:   FAILED: the Department will not count this log; `loa verify { $path }` shows why
export-not-remembered = warning:    could not remember this export for the next one ({ $detail }); keep this bundle and pass it to the next export with --since
export-send = send it to the district; they check it with: loa verify { $path } --checkpoint <the previous export>

## The daemon (loa run) and loa play

daemon-key-unusable = the station's signing key cannot be used
daemon-log-unusable = the airing log cannot be used
daemon-on-air = { $name } ({ $id }) on the air
daemon-new-key = new signing key { $path } — fingerprint { $fingerprint }; back it up and send `loa key show` to the district
daemon-torn-tail = the airing log ended in a torn record ({ $bytes } bytes), moved aside and recorded
daemon-next = next: { $airing }
daemon-next-none = next: nothing scheduled in the coming days
play-unknown-slot = there is no slot named { $slot }; the slots are: { $known }
play-nothing-valid = slot { $slot } has nothing valid to air today (expired, not yet valid or unapproved segments)
play-nothing-to-play = name a slot, or a file with --file
play-no-daemon = no loa daemon answers on { $socket }: --now sends the announcement to the running station (start it, e.g. `systemctl start loa`); to air a file without it, use --file
play-refused = the daemon refused the announcement: { $reason }
play-nothing-aired = nothing aired through the output { $output }: check that the sound card is connected and switched on, and that `output =` in station.toml names it
play-nothing-aired-because = nothing aired through the output { $output } ({ $reason }): check that the sound card is connected and switched on, and that `output =` in station.toml names it
outcome-completed = completed
outcome-cut-at-max = cut at the slot's max
outcome-interrupted = interrupted ({ $reason })
outcome-failed = failed: { $reason }
outcome-aired = { $length } aired
outcome-dead-air = DEAD AIR { $length } (skipped)
announcement-emergency = emergency
announcement-priority = priority
announcement-normal = normal
announcement-when-emergency = it interrupts what is airing now (short fade), then the airing resumes
announcement-when-priority = it airs when the segment airing now ends, then the airing goes on
announcement-when-normal = it airs when nothing else is airing
announcement-first = first in the queue
announcement-behind = { $ahead } announcement(s) air before it
announcement-queued = { $kind } announcement queued ({ $place }): { $segments } segment(s), { $length }; { $when }. When it has aired, or if it cannot air (the daemon stops first), the airing log records it (`loa status` shows it in the last airings).
play-outcome = { $outcome }, recorded in the airing log as manual
airing-summary-relay = relay of { $url }
airing-summary = { $count } segments, { $length }
missed-summary = missed: { $reason }
config-on-disk-has-errors = warning: { $path } has errors ({ $detail }); the running daemon keeps the last valid configuration until they are fixed: `loa check` lists them

## systemctl status loa

systemd-next = next airing: { $slot } at { $at }
systemd-airing = airing: { $slot }, scheduled { $scheduled }
systemd-idle = nothing scheduled in the coming days

## loa devices

devices-heading = Audio outputs (write one in station.toml as  output = "NAME"):
devices-also = Also: output = "wav:PATH" records what airs to a WAV file; output = "null" plays nothing (both in real time).
device-not-there = warning: the sound device { $name } named by `output =` is not there now (`loa devices` lists the ones that are); the daemon will keep trying to open it, so a card plugged in later still works

## loa verify and loa status

## Upload to the province's hub: loa status and the daemon's journal

upload-error-ca = the hub's certificate file cannot be used: { $detail }
upload-error-unreachable = the hub cannot be reached: { $detail }
upload-error-refused = the hub refused: { $reason } ({ $detail })
upload-error-status = the hub answered HTTP { $status }
upload-error-bad-answer = the answer is not from a loa hub ({ $detail }); check [upload] hub
upload-error-log-unreadable = the airing log cannot be read: { $detail }
upload-error-log-damaged = record { $seq } is missing from the airing log (damage, see `loa verify`): nothing after it can be uploaded
upload-error-hub-ahead = the hub holds records up to { $hub_last } but this log only up to { $log_last }: was the log restored from an old copy? Ask the province
upload-error-diverged = the hub's record { $seq } differs from this log's: ask the province (the hub keeps both as evidence)
upload-error-key = the station key cannot be read to sign the heartbeat: { $detail }
upload-refusal-unknown-station = this station is not registered at the hub
upload-refusal-invalid = a record does not verify under the key the hub has
upload-refusal-fork = a record differs from the one the hub holds
upload-refusal-gap = records are missing before this batch
upload-refusal-too-large = the request is too large
upload-refusal-rate-limited = too many requests; waiting
upload-refusal-bad-request = the request is malformed
upload-refusal-replayed = a heartbeat counter was already used
upload-refusal-stale = the heartbeat's time is too far from the hub's (check the clock)
status-upload-hub = hub: { $hub }
status-upload-acknowledged = {"  "}acknowledged: record { $held } of the log's { $last } ({ $state })
status-upload-acknowledged-none = {"  "}acknowledged: no record yet of the log's { $last } ({ $state })
status-upload-up-to-date = up to date
status-upload-to-send = { $count } to send
status-upload-not-known = {"  "}acknowledged: not known yet (the hub has not answered)
status-upload-last-success = {"  "}last success: { $at }
status-upload-never = {"  "}last success: never since start
status-upload-failing = {"  "}FAILING: { $at } — { $message }
status-upload-last-error = {"  "}last error: { $at } — { $message }

## loa log, loa key and --help

## loa report: units, report profile, letterhead

report-side-file-invalid = { $path } cannot be used: { $count ->
    [one] one error
   *[other] { $count } errors
  }, listed below
