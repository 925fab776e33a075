# loa's messages in English. One message per id; `{ $name }` is a value
# filled in by loa. Every id here is also in vi.ftl, with the same values.
# Terms: docs/vi/thuat-ngu.md.

## loa check: diagnostics

diagnostic-error = error
diagnostic-warning = warning
diagnostic-help = help
config-files-unreadable = { $path }: cannot read the config file: { $detail }
config-files-invalid = { $path }: { $detail } (run `loa check -c { $path }` for the full list of problems)
config-files-syntax = not valid TOML at line { $line }, column { $column }
config-files-no-station = it has no [station] table
config-files-no-id = [station] has no `id`
config-files-not-text = [station] `{ $key }` must be text in quotes
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
config-named-file-missing = there is no file { $path }
config-named-file-unreadable = cannot read { $path }: { $detail }
config-toml-syntax = this is not valid TOML: { $detail }
config-toml-unquoted-text = this is not valid TOML: text must be written in double quotes
config-toml-unclosed-quote = this is not valid TOML: a double quote is opened and not closed
config-toml-missing-equals = this is not valid TOML: the `=` between the key and its value is missing
config-unknown-key = unknown key `{ $key }` in { $table }
config-wrong-type = `{ $key }` must be { $expected }
config-missing-key = { $table } is missing `{ $key }`
config-top-level = the file
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
config-hub-url-not-https = not https
config-hub-url-host-query = it needs a host and no query
config-hub-url-password = it carries a password
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
hint-named-file-missing = correct the name on this line, or create the file (the topics catalogue: copy the bundled `topics.toml`)
hint-default-file-missing = create that file (the topics catalogue: copy the bundled `topics.toml`), or write `{ $key } = "…"` in [station] to name the file to use
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
reason-not-resumed = announcement; the slot ended before the airing could resume
reason-not-started = not started: no time left in the slot, or the airing was stopped
reason-not-aired-stopped = not aired: the daemon stopped during the airing
reason-unknown-stopped = unknown: the daemon stopped during the airing

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

verify-unknown-station = (unknown station)
verify-label-verdict = verdict
verify-label-records = records
verify-label-period = period
verify-label-times = times
verify-label-signatures = signatures
verify-label-key = key
verify-label-last-checkpoint = last checkpoint
verify-label-kept-checkpoint = kept checkpoint
verify-ok-filed = OK: intact, and signed by the key on file
verify-ok-unfiled = OK: intact; its origin is not checked (no key on file was given for this station: --pubkey FILE)
verify-failed = FAILED ({ $count } problems)
verify-records-slice = { $records } (records { $first } to { $last }: an export)
verify-records-whole = { $records } (last: record { $last })
verify-records-none = 0
verify-period = { $from } to { $to }
verify-zone-manifest = local time of { $zone }, the zone the bundle's manifest names
verify-zone-config = local time of { $zone }, the zone of the station's config
verify-zone-given = local time of { $zone }, as --tz gives it
verify-zone-unknown = UTC: a log directory does not say its station's time zone (--tz ZONE, or -c the station's config, shows local times)
verify-signatures-checked = all checked
verify-signatures-skipped = NOT checked (chain only)
verify-key = { $fingerprint } from record { $seq }
verify-checkpoint = record { $seq } at { $at }
verify-checkpoint-none = none
verify-kept-contained = record { $seq }: contained
verify-kept-missing = record { $seq }: MISSING
verify-problems = problems:
verify-problem-in-log = log
verify-problem-record = { $place } (record { $seq })
verify-more-problems = … and { $count } more problems
verify-no-log = { $path }: FAILED: no airing log here (no air-YYYY-MM.jsonl file in it or below it)
verify-checkpoint-unmatched = checkpoint of station { $station } (record { $seq }): FAILED: no log of that station was verified
devices-none = No audio output on this machine: ALSA finds no sound card and no configured output. Plug in the sound card (a USB card works too) and run `loa devices` again; `aplay -l` lists the cards the system sees.
status-announcement-cutting-in = now playing: { $priority } announcement { $source } since { $since } ({ $elapsed } in), cutting into { $slot }, which resumes after it
status-announcement-on-air = now playing: { $priority } announcement { $source } since { $since } ({ $elapsed } in)

## Upload to the province's hub: loa status and the daemon's journal

upload-error-ca = the hub's certificate file cannot be used: { $detail }
upload-error-unreachable = the hub cannot be reached: { $detail }
upload-error-refused = the hub refused: { $reason } ({ $detail })
upload-error-status = the hub answered HTTP { $status }
upload-answer-unknown-refusal = HTTP { $status }: unknown refusal { $code }
upload-answer-not-a-head = not a head: { $detail }
upload-answer-other-station = the head is of station { $station }
upload-answer-bad-hash = the head's hash is not 64 hex digits
upload-answer-too-large = the answer is too large
upload-answer-acknowledged-wrong = the hub acknowledged up to { $acknowledged } instead of { $expected }
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

# --help: the words clap adds, then each command's and option's text
# (help-COMMAND, help-COMMAND--OPTION), the meaning of an option's values
# (help-choice-OPTION-VALUE) and the placeholders of values (help-value-NAME).

help-heading-usage = Usage
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-placeholder-options = [OPTIONS]
help-placeholder-command = COMMAND
help-flag = Print help
help-flag-summary = Print help (see more with '--help')
help-flag-long = Print help (see a summary with '-h')
help-version = Print version
help-help = Print this message or the help of the given subcommand(s)
help-default = [default: { $value }]
help-values = [possible values: { $values }]
help-choices = Possible values
help-loa = Broadcast scheduling daemon for Vietnam's grassroots radio stations, with a signed, tamper-evident airing log
help-check = Validate the station's configuration and playlists
help-check--config = The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
help-run = Run the daemon: air every slot on time
help-run--config = The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
help-run--output = Where audio goes, overriding `output` in the config: default, a device name, wav:PATH or null
help-play = Air a slot's next airing, or one file, now (to test the loudspeakers)
help-play--config = The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
help-play--output = Where audio goes, overriding `output` in the config
help-play--slot = The slot whose next airing to air now
help-play--file = One audio file to air now instead
help-play--now = Send an announcement (a playlist's name or an audio file) to the running daemon
help-play--priority = How urgent the announcement is: `emergency` interrupts at once, `priority` after the current segment, `normal` when nothing airs
help-choice-priority-normal = Airs when nothing else airs
help-choice-priority-priority = Airs after the current segment
help-choice-priority-emergency = Interrupts at once, then the airing resumes
help-play--by = Who asks for the announcement, for the airing log
help-schedule = Show what will air in the coming days
help-schedule--config = The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
help-schedule--from = First day to show (station-local date) [default: today]
help-schedule--days = How many days to show
help-schedule--json = One JSON object per airing, one per line
help-status = What the running daemon is doing
help-status--config = The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
help-status--json = The status as one JSON object
help-key = Manage the station's signing key
help-key--config = The station's config file (default: ./config/station.toml, else /etc/loa/station.toml)
help-key-generate = Create the station's Ed25519 key (never overwrites one)
help-key-show = Print the station id, public key and fingerprint for the Department
help-key-show--out = Also write the public key file (`.pub`) here
help-key-rotate = Replace the key: the log records the new key, signed by the old one
help-log = Show the airings recorded in the airing log
help-log--config = The station's config file (log directory and time zone)
help-log--dir = A log directory to read instead of the configured one
help-log--from = First day to show (YYYY-MM-DD, local), inclusive
help-log--to = Last day to show (YYYY-MM-DD, local), inclusive
help-log--slot = Only this slot
help-log--tz = Time zone for --dir (default: the config's, else Asia/Ho_Chi_Minh)
help-log--json = One JSON object per airing
help-verify = Verify airing logs or export bundles
help-verify--paths = Log directories, export bundles (`loa export`), or directories of them; default: the configured station's log_dir
help-verify--config = The station's config file, for the default PATH
help-verify--pubkey = A public key file the Department filed (`loa key show --out`); the log's first key must be one of them. Repeatable
help-verify--checkpoint = A checkpoint kept from an earlier export (its `checkpoint` file, or the earlier export bundle itself); the log must contain it and extend it. Repeatable
help-verify--json = One JSON object per station instead of text
help-verify--chain_only = Check hashes, sequence and chain only, not signatures (fast)
help-verify--strict = Check every signature alone (the same ZIP 215 rule), without batching
help-verify--tz = Time zone of log directories given as PATH, for showing times (bundles name their own; default: the config's, when it is read)
help-report = Periodic report for the Department (xlsx, csv, json, html)
help-report--paths = Log directories and/or export bundles (or folders of them); default: the configured station's own log
help-report--period = The period: 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 or 2021-03-01..2021-06-30
help-report--cutoff = `official`: 6 months from 15 Dec to 14 Jun (15 Jun to 14 Dec), a year from 15 Dec to 14 Dec
help-choice-cutoff-calendar = Calendar halves and years
help-choice-cutoff-official = The administration's data cut-off: 6 months from 15 Dec of the previous year to 14 Jun (and 15 Jun to 14 Dec), a year from 15 Dec to 14 Dec
help-report--format = Output format (default: from the -o file's extension)
help-choice-format-xlsx = Excel workbook: one sheet per view
help-choice-format-csv = CSV (UTF-8 with BOM): one file per view, or `--view`
help-choice-format-json = Everything, machine-readable (docs/report.md)
help-choice-format-html = A printable Vietnamese administrative report
help-report--output = Output file (for csv without --view: a folder, one file per view); default: standard output (not for xlsx)
help-report--view = With csv: only this view
help-report--config = The station's config file (its log, time zone, topic catalogue)
help-report--topics = Topic catalogue for topic names (default: the config's, else the Department's eleven topics)
help-report--tz = Time zone of log directories given as PATH (bundles name their own)
help-report--pubkey = Public key files the Department filed; each station's key must be one of them. Repeatable
help-report--checkpoint = Checkpoints (or earlier bundles) kept from earlier exports; each log must extend them. Repeatable
help-report--date = The report's date (default: today)
help-report--issuer = html: the issuing body, e.g. "ĐÀI TRUYỀN THANH XÃ AN HIỆP" (default: the station's name)
help-report--parent = html: the governing body, e.g. "UBND XÃ AN HIỆP"
help-report--number = html: the document number, e.g. "12/BC-ĐTT"
help-report--place = html: the place in the date line, e.g. "An Hiệp"
help-report--recipient = html: who it is sent to, e.g. "Sở Văn hóa, Thể thao và Du lịch tỉnh Sóc Trăng"; repeatable
help-report--signer = html: the signer's title, e.g. "GIÁM ĐỐC"
help-report--units = Names of the units (TOML, id = name), e.g. "can-tho" = "Thành phố Cần Thơ", "can-tho/thanh-phu" = "Xã Thạnh Phú"; they name the roll-up levels and override the stations' names
help-report--profile = html: a report profile (TOML: parent, issuer, number, place, recipient, signer), e.g. recipient = ["Sở Văn hóa, Thể thao và Du lịch tỉnh …"]; the options above override it
help-export = Export a period's log as one file to send up
help-export--config = The station's config file
help-export--period = The period: 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 or 2021-03-01..2021-06-30
help-export--cutoff = `official`: the administration's data cut-off dates
help-export--output = The bundle to write (a .tar file)
help-export--since = Begin at or before this checkpoint (a checkpoint file or an earlier bundle), when the Department asks for it
help-export--now = The export's time instead of the clock's (tests, re-runs)
help-hub = The province's hub: receives every station's records, shows the fleet, builds reports
help-hub--config = The hub's config file
help-hub-user = Officers' accounts
help-hub-user-add = Add an officer, or set a new password (read from standard input, one line)
help-hub-user-add--name = The account name (a-z, 0-9, `.`, `_`, `-`)
help-devices = List the audio outputs that `output =` accepts
help-output-worker = Play PCM from stdin on a sound device (started by the daemon)
help-output-worker--device = The ALSA device to play: `default` or a name `loa devices` lists
help-value-config = CONFIG
help-value-cutoff = CUTOFF
help-value-date = DATE
help-value-days = DAYS
help-value-device = DEVICE
help-value-dir = DIR
help-value-file = FILE
help-value-file-playlist = FILE|PLAYLIST
help-value-format = FORMAT
help-value-hub-toml = HUB_TOML
help-value-instant = INSTANT
help-value-name = NAME
help-value-out = OUT
help-value-p = P
help-value-path = PATH
help-value-priority = PRIORITY
help-value-slot = SLOT
help-value-text = TEXT
help-value-view = VIEW
help-value-zone = ZONE

## loa log and loa key: their words

log-unreadable = warning: { $error }
log-problems = warning: { $count } records could not be read; run `loa verify { $dir }` for details
log-no-airings = the airing log in { $dir } records no airing yet
log-no-airings-filtered = no airing in the log in { $dir } matches --from, --to or --slot
log-scheduled = { $date } { $weekday } { $time }
log-weekday-mon = Mon
log-weekday-tue = Tue
log-weekday-wed = Wed
log-weekday-thu = Thu
log-weekday-fri = Fri
log-weekday-sat = Sat
log-weekday-sun = Sun
log-manual = manual
log-started = started { $at }
log-ended = ended { $at }
log-completed = completed
log-cut-at-max = cut at the session maximum
log-interrupted = interrupted: { $reason }
log-failed = FAILED: { $reason }
log-missed = MISSED: { $reason }
log-unfinished = no end recorded (stopped or crashed while airing)
log-segment = { $n }. { $title } [topic { $topic }, { $language }] { $length } { $outcome }  ({ $file })
log-planned = { $n }. { $title } [topic { $topic }, { $language }] planned  ({ $file })
log-segment-aired = aired
log-segment-cut = cut short
log-segment-skipped = skipped: { $reason }
log-segment-failed = failed: { $reason }
log-segment-dead-air = dead air: silent { $seconds } s from { $at }, skipped
miss-daemon-down = loa was not running
miss-device-failure = audio device failed: { $detail }
miss-nothing-to-air = nothing valid to air
miss-too-late = too late to start
miss-clock-step = the clock jumped over it
key-created = created the station key { $path }
key-fingerprint = fingerprint: { $fingerprint }
key-give-public = give the Department the public key: loa key show --out station.pub
key-show-station = station:     { $station }
key-show-public = public key:  { $key }
key-public-written = wrote the public key file { $path }
key-rotated = key rotated: { $old } -> { $new }
key-rotated-recorded = the airing log records the new key, signed by the old one; give the Department the new public key: loa key show --out station.pub
key-not-recorded = the airing log could not be written, so the key was not changed; free disk space and run `loa key rotate` again (it resumes with the same new key)
key-error-io = { $path }: cannot read or write the key
key-error-missing = { $path }: the station has no signing key yet; `loa run` makes one when the station first starts, or make it now with `loa key generate`
key-error-exists = { $path }: a key already exists; loa never overwrites a key (use `loa key rotate` to change it)
key-error-not-a-file = { $path }: the key path is not a file
key-error-wrong-owner = { $path }: the key file belongs to user { $owner }, not to this user ({ $me }); fix: chown { $me } { $path }
key-error-too-open = { $path }: permissions { $mode } are too open: others could read the station's private key; fix: chmod 600 { $path }
key-error-directory-writable = { $dir }: the key's directory has permissions { $mode }: others could replace the key; fix: chmod go-w { $dir }
key-error-malformed-secret = { $path }: not a loa secret key file (expected `loa-ed25519-secret-key-v1` and a base64 line)
key-error-malformed-public = { $path }: not a loa public key file (expected one line `loa-ed25519 <key> <station id>`, as `loa key show --out` writes)

## What the system says when a file cannot be used (a cause under error:)

io-error = { $text } (os error { $code })
io-not-found = No such file or directory
io-permission-denied = Permission denied
io-already-exists = File exists
io-storage-full = No space left on device

## The daemon's journal (human-readable lines; their fields stay machine codes)

journal-announcement-not-aired = announcement not aired: stopping
journal-stopping = stopping
journal-config-applied = new configuration applied
journal-airing-missed = airing missed
journal-nothing-valid = nothing valid to air
journal-airing-ended = airing ended: { $summary }
journal-announcement-airs = announcement airs
journal-player-failed = the player thread failed; the daemon cannot air
journal-checkpoint-not-written = checkpoint not written
journal-log-not-writable = airing log not writable; record kept in memory
journal-record-not-written = record not written to the airing log
journal-not-watched = not watched for changes
journal-config-changed = configuration or playlists changed; reloading
journal-output-not-ready = output not ready before the airing; will retry
journal-announcement-cuts-in = announcement cuts into the airing
journal-segment-skipped = segment skipped
journal-dead-air = dead air: the output has been silent too long; skipping to the next segment
journal-output-failed = output failed during airing; reopening
journal-relay-thread-panicked = the relay thread panicked
journal-relay-decoder-panicked = audio decoding library panicked on a relayed stream
journal-probe-cache-too-large = probe cache too large, ignored
journal-probe-cache-unreadable = probe cache unreadable, ignored
journal-resampler-buffer = resampler buffer size
journal-decoder-panicked = audio decoding library panicked
journal-upload-no-runtime = upload: no runtime; nothing will be uploaded
journal-upload-back = upload: the hub answers again
journal-notify-not-sent = systemd notification not sent
journal-changes-not-noticed = config changes will not be noticed; use SIGHUP
journal-socket-not-available = status socket not available
journal-sighup = SIGHUP: reloading the configuration
journal-config-not-applied = config not applied; the previous one stays in force:
    { $errors }
journal-upload-failed = upload failed: { $message }
journal-heartbeat-failed = heartbeat failed: { $message }
journal-looks-hung = the airing has not ended long after its length: the daemon looks hung; systemd's watchdog will restart it

## loa status
status-running = { $name } ({ $station }) — loa running since { $since } (up { $uptime })
status-output = output: { $output }
status-output-last-failure = output: { $output } — last failure: { $error }
status-now-playing = now playing: { $slot } since { $since } ({ $position } in)
status-now-playing-segment = now playing: { $slot } since { $since } ({ $position } in), segment "{ $title }"
status-now-playing-nothing = now playing: nothing
status-next = next
status-last = last
status-nothing-scheduled = nothing scheduled in the coming days
status-nothing-aired = nothing aired since start
status-dead-air = DEAD AIR: { $count } time(s) since start; last at { $at } in { $slot }, "{ $file }" silent { $silent } and skipped (check the file, the mixer and the cable to the amplifier)
status-change-pending = config change: valid, waiting for the airing on air to end; it applies from the next airing
status-config-error = config error (the previous config stays in force until fixed):
status-log-head = airing log: record { $seq }, head { $head }
status-checkpoint = last checkpoint: record { $seq } at { $at }
status-not-running = loa is not running for { $name } ({ $station }); start it with `loa run` or `systemctl start loa`
status-next-from-config = next airings from the config:

## loa verify: what is wrong with a log
problem-unreadable = cannot be read: { $detail }
problem-torn-tail = torn: the log ends in a partial line of { $length } bytes (a write cut short by a crash or power cut; the daemon moves it aside when it next starts)
problem-partial-line = a partial line of { $length } bytes ends this file, but later files follow
problem-bad-signature = the signature does not verify with the station's key in force: the record was changed or forged
problem-out-of-sequence = record { $found } where record { $expected } should be: records deleted, inserted, duplicated or reordered
problem-chain-broken = `prev` does not name the record before it: a record was replaced or reordered
problem-foreign-station = a record of station { $found } in the log of station { $expected }
problem-no-genesis = the log does not begin with the station's genesis record (record 0): its beginning was removed or replaced
problem-late-genesis = a second genesis record inside the log
problem-unusable-key = the key it introduces is not a usable Ed25519 key
problem-key-not-filed = the log is signed by key { $key }, but the key filed for this station is { $filed }
problem-key-or = {" "}or{" "}
problem-no-filed-key = the public keys given are filed for other stations ({ $filed_for }), none for this one
problem-checkpoint-mismatch = the checkpoint does not name the record before it
problem-truncated = records removed: a checkpoint kept from an earlier export shows record { $held }, but the log ends at record { $last }
problem-truncated-empty = records removed: a checkpoint kept from an earlier export shows record { $held }, but the log has no records
problem-checkpoint-differs = record { $held } is not the one the checkpoint kept from an earlier export shows: the log was rewritten
problem-foreign-checkpoint = the export's checkpoint is a record of station { $station }, not of this log
problem-forged-checkpoint = the checkpoint given for record { $held } is not signed by this station's key
problem-starts-after-checkpoint = this export begins at record { $first }, after record { $held } of the checkpoint kept from the earlier export, so it cannot show that it extends it; ask the station for `loa export --since` that checkpoint
problem-empty = the log has no records
problem-previous-run = daemon_start says the previous run { $said }, which the record before it contradicts
problem-previous-none = was none (first start)
problem-previous-clean = stopped cleanly
problem-previous-crashed = crashed
problem-starts-after-period = the bundle's records begin at { $first }, after its period began at { $period }: records of the period are missing (export the period again)
problem-manifest-mismatch = the bundle's manifest.json gives a `{ $field }` its records contradict
problem-no-checkpoint-member = the bundle has no `checkpoint` member (every export carries its checkpoint)
problem-bad-checkpoint-member = the bundle's `checkpoint` member is not one checkpoint record line: { $error }

## loa verify: a line that is not a valid record
line-layout = not a record line: expected {"{"}"body":…,"hash":"…","sig":"…"{"}"} exactly, with nothing before or after (no BOM, no CR)
line-not-utf8 = the line is not valid UTF-8
line-hash-spelling = the hash is not 64 lowercase hex digits
line-signature-spelling = the signature is not 64 bytes in canonical base64
line-hash-mismatch = the hash does not match the body: the body or the hash was changed
line-field = body field `{ $name }` is missing, out of order or malformed
line-unsupported-version = format version { $version } is not known to this loa (newer loa needed?)
line-not-compact = whitespace outside strings in the record's data
line-unknown-kind = unknown record kind `{ $kind }`
line-version-too-old = the record says format version { $version } but uses what version { $needs } added
line-version-too-new = the record says format version { $version }, but what it holds is version { $needs }, the version it must carry
line-not-canonical = a { $what } in the record is not spelt the one way the format allows (an escape JSON does not need, -0, 1.0, 1e0, or a raw control character)
line-rule = the record breaks the rule on { $rule }: { $detail }
line-data = the record's data does not match its kind: { $detail }
## loa report: units, report profile, letterhead

report-side-file-invalid = { $path } cannot be used: { $count ->
    [one] one error
   *[other] { $count } errors
  }, listed below

## A mistake on the command line (Vietnamese readers; English readers see clap's words)
parse-unknown-argument = error: unexpected argument '{ $arg }'
parse-unknown-command = error: unknown command '{ $name }'
parse-invalid-value = error: invalid value '{ $value }' for '{ $arg }'
parse-value-validation = error: invalid value '{ $value }' for '{ $arg }': { $why }
parse-missing-argument = error: a required argument is missing: { $arg }
parse-missing-command = error: name a command
parse-conflict = error: '{ $arg }' cannot be used with '{ $other }'
parse-too-many = error: '{ $arg }' is given too many times or with too many values
parse-valid-values = {"  "}possible values: { $values }
parse-did-you-mean = {"  "}did you mean '{ $suggestion }'?
parse-see-help = For more information, try '--help'.

## What is wrong with a segment's audio file (loa check, the journal; a skipped segment's reason in the airing log, in English there)

audio-missing = { $path }: no such file (check the name in the playlist against the audio folder)
audio-not-a-file = { $path }: is a folder or a special file, not an audio file
audio-empty = { $path }: the file is empty (0 bytes); copy it again
audio-not-audio = { $path }: not an audio file in a format loa plays (mp3, ogg/vorbis, flac, wav), whatever its name says
audio-undecodable-copy = { $path }: cannot be decoded: { $reason }; copy it again
audio-undecodable = { $path }: cannot be decoded: { $reason }; export or convert it again (for example to mp3 or ogg)
audio-truncated = { $path }: the file is cut short: its header says { $declared } but it holds only { $found } (an interrupted copy?); copy it again
audio-unfinished = { $path }: the file is cut short: { $how } (an interrupted copy or upload?); copy it again
audio-zero-length = { $path }: the file holds no audio (0 s long)
audio-unsupported-signal = { $path }: { $rate } Hz with { $channels } channel(s) is not supported (loa plays 8000 to 192000 Hz, 1 to 8 channels); convert it to 48000 Hz stereo
audio-unreadable = { $path }: cannot read the file: { $detail }
undecodable-no-audio-track = it holds no audio track
undecodable-codec = its audio is coded as { $codec }, which loa cannot decode
undecodable-damaged = its data is damaged ({ $detail })
undecodable-ends-early = the file ends before its audio does (an interrupted copy?)
undecodable-no-packet = none of its first audio packets decode
undecodable-bad-packets = { $bad } of its audio packets are damaged
undecodable-format-changes = its audio format changes part-way through
undecodable-decoder-failed = the audio decoder failed on its data
unfinished-ogg = it ends before the end of its Ogg stream (the last page has no end-of-stream mark)
unfinished-mp3 = it ends in the middle of an MP3 frame
silent-segment = the file is silent throughout (nothing above -50 dBFS): not aired
priming-failed = the segment could not be prepared for airing (an internal error in loa)

## The sound device: `output =` values and what failed (a failure is written into the airing log in English)

output-spec-empty = the output is empty: write "default", a device name from `loa devices`, "wav:PATH" or "null"
output-spec-empty-wav = "wav:" needs a file after it, e.g. "wav:/var/lib/loa/aircheck.wav"
output-not-open = the audio output was used before it was opened
output-partial-frame = { $samples } samples were written to the audio output, which is not a whole number of stereo frames
output-wav = { $path }: cannot write the air-check recording
output-wav-format = { $path }: this WAV file is { $rate } Hz, { $bits } bit, { $channels } channel(s); the air-check is 48000 Hz, 16 bit, 2 channels. It was left untouched: move it away or choose another file
output-wav-full = { $path }: the air-check recording is full (a WAV file holds about 6 hours); move it away and a new one is started
output-worker-start = cannot start the audio device process (`{ $exe } output-worker`)
output-worker-died-said = audio device "{ $device }": the device process stopped ({ $status }); last device message: { $warning }; it is restarted at the next airing
output-worker-died = audio device "{ $device }": the device process stopped ({ $status }); it is restarted at the next airing
output-exit-unknown = exit status unknown
output-stalled = audio device "{ $device }": no audio went out for { $seconds } s although audio was waiting; the device process was stopped and is restarted at the next airing
output-open-timed-out = audio device "{ $device }": did not start within { $seconds } s
output-pipe = audio device "{ $device }": the connection to the device process failed
output-device = audio device "{ $device }": { $failure }
device-no-such-suggest = no such output; did you mean "{ $name }"? (`loa devices` lists the names)
device-no-such = no such output (`loa devices` lists the names)
device-busy = the device is busy: another program is using it
device-unavailable = the device is not available (unplugged or failing): { $detail }
device-permission = permission denied: the user running loa must be in the "audio" group
device-unsupported = the device does not play 48 kHz stereo ({ $detail }); use its "plughw:" or "default" name, which convert
device-not-starting = the device opened but never started playing
device-not-keeping-time = the device takes audio faster than real time (an unpaced ALSA plugin such as "null" or "file"); choose a sound card
device-keeps-failing = the device keeps reporting errors; latest: { $detail }
device-no-alsa = ALSA is not usable: { $detail }
device-note = device process: { $message }
device-note-suppressed = device process: { $count } more messages in the last second not logged

## Relays: the address in station.toml, and what happened to the stream (a failure is written into the airing log in English)

relay-url-empty = the relay address is empty
relay-url-invalid = not a valid stream address ({ $reason })
relay-url-scheme = a relay address must start with http:// or https://, not { $scheme }://
relay-url-no-host = the relay address names no server
relay-dns = the stream's server name could not be found (check the address and the station's internet connection): { $detail }
relay-refused = the stream's server refused the connection (wrong port, or the stream is off the air): { $detail }
relay-tls = the secure (https) connection failed: { $detail }
relay-no-stream = the server has no stream at this address (404)
relay-http-status = the server answered with HTTP status { $status }
relay-not-audio = the server did not send audio loa can play: { $detail }
relay-playlist = the playlist cannot be used: { $detail }
relay-timeout = the server did not answer in time
relay-stalled = the stream stopped sending audio
relay-closed = the server closed the stream
relay-network = network error: { $detail }
relay-detail-no-frame = { $kib } KiB without a decodable frame
relay-detail-nested-playlists = playlists nested too deep
relay-detail-no-runtime = no async runtime: { $error }
relay-detail-no-thread = cannot start the relay thread: { $error }
relay-detail-decoder-crashed = the decoder crashed
relay-detail-frames-undecodable = the stream's frames do not decode
relay-detail-sample-rate = sample rate { $hz } Hz
relay-detail-sample-rate-refused = sample rate { $hz } Hz: { $error }
relay-detail-resampler = resampler: { $error }
relay-detail-unsupported = unsupported: { $what }
relay-connected-as = relay connected ({ $codec }, { $content_type })
relay-connected = relay connected ({ $codec })
relay-dropped = relay dropped: { $failure }; reconnecting
relay-title = relay programme: { $title }
relay-overrun = relay buffer full: { $seconds } s of audio skipped to stay live
relay-events-lost = { $count } older relay events were not recorded

## loa play --now: why the daemon refused an announcement

announce-not-found = { $what } is neither a playlist of the station nor an audio file the daemon can read (give a playlist's name or the file's path)
announce-file-missing = { $path } not found: there is no such file (check the folder and the file's name)
announce-audio = the file cannot be aired: { $reason }
announce-nothing-to-air = playlist { $playlist } has nothing that may air today (expired, not yet valid or unapproved segments)
announce-queue-full = { $count } announcements are already waiting; wait until one has aired

## The airing log and checkpoints: what went wrong reading or writing them

airlog-io = { $path }: airing log input/output failed
airlog-locked = { $dir }: { $holder } is writing this airing log; wait for it to end, or stop it first
airlog-another-process = another loa process
airlog-bad-station = station id { $station } cannot be used: it must be non-empty, without control characters
airlog-station-mismatch = { $dir }: this airing log belongs to station { $in_log }, but the configuration says { $given }; point log_dir at this station's own log
airlog-key-mismatch = { $dir }: the log is signed with key { $in_log } but the key file holds { $given }; use the station's own key file (or finish an interrupted `loa key rotate`)
airlog-encode = a record could not be encoded: { $error }
airlog-queue-full = the airing log cannot be written and { $capacity } records already wait in memory: this event is not recorded (it is counted in the outage record)
airlog-not-durable = { $pending } records could not be written to the airing log and are lost: { $error }
airlog-unreadable = { $path }: cannot read the airing log
airlog-torn = { $path }: ends in a partial line of { $length } bytes at byte { $offset } (a write cut short; the daemon moves it aside when it next starts)
airlog-chain = { $path }:{ $line }: record { $found } does not follow record { $previous } (records missing, inserted or reordered)
checkpoint-io = { $path }: cannot read or write the checkpoint
checkpoint-bad = { $path }: not a checkpoint file (one record line as it stands in the log): { $error }

## loa hub: the province's service (its web pages are Vietnamese content)

hub-listening = loa hub: listening on { $url } ({ $stations } stations registered)
hub-user-added = saved account { $name } in { $path }
hub-toml-syntax = TOML syntax error: { $detail }
hub-unknown-key = unknown key `{ $key }` in { $table }
hub-unknown-key-suggest = unknown key `{ $key }` in { $table }; did you mean `{ $suggestion }`?
hub-wrong-type = `{ $key }` must be { $expected }
hub-expected-table = a table
hub-expected-text = text in quotes
hub-expected-bool = true or false
hub-missing-table = the table { $key } is missing
hub-missing-key = { $table } is missing `{ $key }`
hub-bad-listen = listen = { $value } is not an address and port (for example "0.0.0.0:8443")
hub-bad-duration = offline_after = { $value } is not a length of time (for example "15m", "1h")
hub-bad-timezone = timezone = { $value } is not a time zone (for example "Asia/Ho_Chi_Minh")
hub-tls-and-proxy = [tls] has both cert/key and proxy = true; choose one of the two
hub-no-tls = [tls] needs cert and key (PEM files), or proxy = true when a reverse proxy on this machine handles TLS
hub-proxy-not-loopback = proxy = true but listen = { $value } is open to the network; with a proxy, listen must be 127.0.0.1 or ::1
hub-config-unreadable = cannot read { $path }: { $detail }
hub-config-invalid = the hub configuration has { $count } error(s):
hub-registry-unreadable = cannot read the station registry folder { $path }: { $detail }
hub-registry-malformed = { $path }: not a public key file (one line `loa-ed25519 <key> <station id>` as `loa key show --out` writes it)
hub-registry-bad-station = { $path }: station id { $station } cannot be used as a folder (an empty part, `..`, or a part starting with `.` or `_`)
hub-registry-nested = station id { $inner } lies inside the folder of station { $outer }; `loa verify` would not see both
hub-tls-certificate = { $path }: cannot read the TLS certificate (PEM): { $detail }
hub-tls-key = { $path }: cannot read the TLS private key (PEM): { $detail }
hub-tls-refused = the TLS certificate and key cannot be used: { $detail }
hub-store = data store { $path }: { $detail }
hub-listen-failed = cannot listen on { $address }: { $detail }
hub-user-bad-name = account name { $name } is not valid: use 1–64 characters `a-z`, `0-9`, `.`, `_`, `-`
hub-user-weak-password = the password is too short: at least { $min } characters are needed (read from standard input, one line)
hub-user-hash = cannot hash the password: { $detail }

# loa hub: its journal lines (structured fields stay machine codes)
hub-journal-store-unverified = the stored log does not verify
hub-journal-heartbeat-unreadable = unreadable last heartbeat
hub-journal-request-failed = request failed on the hub's side
hub-journal-login-failed = failed login
hub-journal-logged-in = officer logged in
hub-journal-accept-failed = accept failed
hub-journal-store-write = cannot write to the store
hub-journal-fork-refused = fork refused and kept as evidence
hub-journal-stopped = hub stopped
