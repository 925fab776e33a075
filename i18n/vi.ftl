# Thông báo của loa bằng tiếng Việt. Mỗi id một thông báo; `{ $tên }` là giá
# trị loa điền vào. Mọi id ở đây đều có trong en.ftl, với cùng các giá trị.
# Thuật ngữ: docs/vi/thuat-ngu.md.

## loa check: các lỗi cấu hình

diagnostic-error = lỗi
diagnostic-warning = cảnh báo
diagnostic-help = cách sửa
config-files-unreadable = { $path }: không đọc được tệp cấu hình: { $detail }
config-files-invalid = { $path }: { $detail } (chạy `loa check -c { $path }` để xem đủ các lỗi)
config-invalid-summary = { $path }: có { $count } lỗi (liệt kê ở trên); sửa xong thì chạy lại `loa check -c { $path }`
expected-string = một chuỗi chữ trong ngoặc kép, ví dụ "văn bản"
expected-integer = một số nguyên, ví dụ 3
expected-bool = true (có) hoặc false (không)
expected-date = một ngày không có ngoặc kép, ví dụ 2021-03-03
expected-string-array = một danh sách chuỗi chữ, ví dụ ["05:30", "17:00"]
expected-table = một bảng, ví dụ [station]
expected-table-array = một danh sách bảng, ví dụ [[slot]]
config-cannot-read = không đọc được tệp này: { $detail }
config-toml-syntax = tệp này viết sai cú pháp TOML: { $detail }
config-unknown-key = khóa `{ $key }` không có trong { $table }
config-wrong-type = `{ $key }` phải là { $expected }
config-missing-key = { $table } thiếu `{ $key }`
config-bad-station-id = mã đài { $value } không hợp lệ
config-bad-slot-name = tên khung giờ { $value } không hợp lệ
config-duplicate-slot = đã có một khung giờ tên { $name } ở dòng { $line }
config-bad-time = { $value } không phải là giờ trong ngày
config-duplicate-time = giờ { $value } bị ghi hai lần
config-empty-at = khung giờ này không có giờ phát hoặc không có ngày phát nào
config-bad-cron = biểu thức cron { $value } không hợp lệ: { $detail }
config-at-and-cron = mỗi khung giờ chỉ dùng `at` hoặc `cron`, không dùng cả hai
config-playlist-and-relay = mỗi khung giờ chỉ dùng `playlist` hoặc `relay`, không dùng cả hai
config-neither-playlist-nor-relay = khung giờ này chưa nói phát gì (`playlist`) hay tiếp sóng luồng nào (`relay`)
config-bad-relay-url = { $value } không phải là địa chỉ luồng mà loa tiếp sóng được: { $detail }
config-fallback-without-relay = `fallback` chỉ dùng cùng `relay`
config-neither-at-nor-cron = khung giờ này chưa nói phát lúc nào (`at`) hay theo quy tắc `cron` nào
config-days-with-cron = `days` chỉ dùng cùng `at`; quy tắc cron có trường thứ trong tuần riêng
config-bad-day = { $value } không phải là một ngày trong tuần
config-duplicate-day = ngày { $value } bị ghi hai lần
config-bad-duration = { $value } không phải là một khoảng thời gian
config-zero-duration = `{ $key }` phải dài hơn 0
config-duration-too-long = `{ $key }` = { $value } dài hơn { $limit }
config-from-after-until = `from` ({ $from }) sau `until` ({ $until })
config-unknown-timezone = không có múi giờ { $value }
config-bad-output = thiết bị âm thanh { $value } không hợp lệ
config-bad-order = không có thứ tự phát { $value }
config-bad-count = count = { $value } không phải là số tin bài dùng được
config-negative-number = `{ $key }` không được là số âm
config-bad-language = { $value } không phải là mã ngôn ngữ
config-empty-text = `{ $key }` đang để trống
config-slots-overlap = khung giờ { $slot } có thể phát tới { $ends } ngày { $date }, quá giờ bắt đầu của { $other } lúc { $starts }
config-unknown-playlist = không có danh sách phát nào tên { $name }
config-bad-playlist-name = tên danh sách phát { $value } không hợp lệ
config-playlists-dir-missing = không có thư mục danh sách phát { $path }
config-empty-playlist = danh sách phát { $name } không có tin bài nào dùng được
config-segment-missing = không tìm thấy tệp âm thanh { $file }
config-segment-not-audio = không phát được tệp âm thanh { $file }: { $detail }
config-segment-too-long = { $file } dài { $duration }, quá thời lượng khung giờ { $slot } cho phép (max = { $max }): tin bài này chỉ được phát khi đứng đầu buổi phát, và được giảm dần âm lượng tới hết ở thời lượng tối đa
config-unknown-topic = chủ đề { $code } không có trong danh mục chủ đề
config-path-parent-dir = { $file } dùng `..` để ra khỏi thư mục danh sách phát
config-path-absolute = { $file } là đường dẫn tuyệt đối; đường dẫn tin bài phải tính từ thư mục danh sách phát
config-path-symlink = { $file } là liên kết trỏ ra ngoài thư mục danh sách phát
config-name-not-utf8 = { $name }: tên tệp không phải UTF-8 (Unicode) nên tệp bị bỏ qua
config-duplicate-segment = { $file } có mặt nhiều lần trong danh sách phát này
config-duplicate-topic = chủ đề { $code } được khai báo hai lần
config-bad-topic-code = mã chủ đề { $code } nằm ngoài phạm vi cho phép
config-nothing-valid-on-date = khung giờ { $slot } không có gì để phát ngày { $date }: mọi tin bài của { $playlist } đều đã hết hiệu lực, chưa tới ngày hiệu lực hoặc chưa được duyệt
config-unused-playlist = danh sách phát { $name } không được khung giờ nào phát
config-bad-loudness = { $value } không phải là độ to
config-loudness-out-of-range = độ to { $value } LUFS nằm ngoài khoảng { $low } đến { $high } LUFS
config-bad-gain = { $value } không phải là mức khuếch đại
config-gain-out-of-range = mức khuếch đại { $value } dB vượt quá { $limit } dB (tăng hay giảm)
config-bad-silence-setting = `{ $key }` = { $value } không phải là khoảng thời gian, cũng không phải "off"
config-dead-air-too-short = `dead_air` = { $value } ngắn hơn { $min }: những chỗ ngừng khi nói sẽ bị tính là khoảng lặng
config-quiet-segment = { $file } rất nhỏ tiếng ({ $loudness } LUFS): cần tăng { $gain } dB mới đạt { $target } LUFS, tiếng ồn nền cũng to lên theo
config-silent-segment = { $file } không có tiếng: không có gì to hơn -50 dBFS; khi phát sẽ bỏ qua tệp này
config-mostly-silent = { $file } gần như toàn khoảng lặng ({ $percent }% thời lượng)
config-long-pause-inside = { $file } có { $length } im lặng ở phút { $at } (dài hơn dead_air = { $dead_air }): khi phát, loa sẽ coi đó là khoảng lặng và bỏ phần còn lại của tệp

config-bad-hub-url = { $value } không phải là địa chỉ hub mà loa gửi nhật ký lên được: { $detail }
config-bad-hub-ca = không dùng được tệp chứng chỉ của hub { $path }: { $detail }

## loa check: cách sửa

hint-did-you-mean-key = có phải ý bạn là `{ $suggestion }`?
hint-unknown-key = xóa khóa này, hoặc đối chiếu chính tả với phần mô tả cấu hình trong README.md
hint-missing-key = thêm `{ $key } = ...` vào bảng này
hint-quote-text = đặt chữ trong ngoặc kép: `{ $line }`
hint-close-quote = dòng này mở ngoặc kép `"` mà chưa đóng: thêm dấu `"` đóng lại
hint-add-equals = đặt dấu `=` giữa tên và giá trị: `{ $line }`
hint-toml-syntax = kiểm tra ngoặc kép, ngoặc vuông và dấu `=` trên dòng này
hint-bad-station-id = dùng chữ thường a-z, chữ số và dấu '-', các phần nối bằng '/', ví dụ "soc-trang/my-xuyen/thanh-phu"
hint-bad-slot-name = dùng chữ thường a-z, chữ số và dấu '-', ví dụ "sang" hoặc "chieu-t7"
hint-duplicate-slot = đặt cho mỗi khung giờ một tên riêng
hint-bad-time = viết giờ dạng HH:MM hoặc HH:MM:SS, từ 00:00 đến 23:59, ví dụ "05:30"
hint-remove-repeated = xóa mục bị lặp
hint-empty-at = ghi ít nhất một giờ trong `at` và một ngày trong `days`
hint-bad-cron = dùng sáu trường, giây đứng đầu, ví dụ "0 30 5 * * Mon-Sat"
hint-keep-one = chỉ giữ một trong hai
hint-playlist-and-relay = giữ `relay` để tiếp sóng một luồng (thêm `fallback = "TÊN"` để phát khi mất luồng), hoặc giữ `playlist`
hint-neither-playlist-nor-relay = thêm `playlist = "cchc"`, hoặc `relay = "http://…/stream.mp3"`
hint-bad-relay-url = viết địa chỉ luồng dạng http://máy/đường-dẫn hoặc https://máy/đường-dẫn (tệp .m3u hay .pls chỉ tới luồng cũng được)
hint-fallback-without-relay = dùng `playlist` cho nội dung khung giờ phát; `fallback` là nội dung dự phòng của khung giờ tiếp sóng khi mất luồng
hint-neither-at-nor-cron = thêm `at = ["05:30"]` hoặc `cron = "0 30 5 * * *"`
hint-days-with-cron = xóa `days`, hoặc dùng `at` thay cho `cron`
hint-bad-day-suggestion = có phải ý bạn là "{ $suggestion }"? các ngày là T2, T3, T4, T5, T6, T7, CN (hoặc thứ hai … chủ nhật, hoặc mon … sun)
hint-bad-day = các ngày là T2, T3, T4, T5, T6, T7, CN (hoặc thứ hai … chủ nhật, hoặc mon … sun)
hint-bad-duration = viết khoảng thời gian như "90s", "15m" hoặc "1h30m"
hint-zero-duration = ghi một thời lượng, ví dụ "15m"
hint-duration-too-long = kiểm tra đơn vị: m là phút, h là giờ
hint-from-after-until = đổi chỗ hai ngày, hoặc sửa ngày bị sai
hint-did-you-mean-quoted = có phải ý bạn là "{ $suggestion }"?
hint-unknown-timezone = dùng tên múi giờ IANA, ví dụ "Asia/Ho_Chi_Minh"
hint-bad-output = dùng "default", tên một thiết bị trong `loa devices`, "wav:ĐƯỜNG-DẪN" hoặc "null"
hint-bad-order-suggestion = có phải ý bạn là "{ $suggestion }"? thứ tự phát là sequential (lần lượt), shuffle (ngẫu nhiên), rotate (xoay vòng)
hint-bad-order = thứ tự phát là sequential (lần lượt), shuffle (ngẫu nhiên), rotate (xoay vòng)
hint-bad-count = dùng một số từ 1 đến 1000, hoặc bỏ `count` để phát đầy thời lượng tối đa
hint-negative-number = dùng số từ 0 trở lên
hint-bad-language = dùng mã hai hoặc ba chữ cái, ví dụ "vi" hoặc "km"
hint-empty-text = ghi nội dung vào giữa hai dấu ngoặc kép
hint-slots-overlap = rút ngắn `max`, hoặc dời một trong hai khung giờ
hint-unknown-playlist = tạo tệp playlists/TÊN.toml hoặc thư mục playlists/TÊN/
hint-playlists-dir-missing = tạo thư mục đó, hoặc sửa `playlists` trong [station]
hint-empty-playlist = thêm tin bài vào danh sách phát, hoặc sửa các tin bài bị báo lỗi ở trên
hint-segment-missing = chép tệp vào thư mục danh sách phát, hoặc sửa lại tên (đường dẫn tính từ thư mục danh sách phát)
hint-segment-not-audio = xuất lại hoặc chép lại tệp; loa phát được ogg, mp3, flac, wav
hint-segment-too-long = tăng `max` của khung giờ, hoặc dùng bản ghi ngắn hơn
hint-unknown-topic-suggestion = có phải ý bạn là { $suggestion }? hoặc thêm chủ đề vào topics.toml
hint-unknown-topic = dùng một mã trong topics.toml, hoặc thêm chủ đề vào đó
hint-path-escapes = chép tệp vào thư mục danh sách phát và ghi đường dẫn tính từ thư mục đó
hint-name-not-utf8 = đổi tên tệp sang UTF-8 (gõ lại chữ tiếng Việt trên máy này, hoặc `convmv -f cp1258 -t utf-8 --notest TỆP`)
hint-duplicate-topic = đặt cho mỗi chủ đề một mã riêng
hint-bad-topic-code = dùng mã từ 1 đến 9999
hint-nothing-valid-on-date = thêm tin bài có hiệu lực ngày đó, duyệt tin bài, hoặc cho khung giờ kết thúc sớm hơn
hint-unused-playlist = thêm một khung giờ phát danh sách này, hoặc chuyển nó ra khỏi thư mục danh sách phát
hint-duplicate-segment = xóa mục bị lặp, trừ khi muốn tin bài đó phát hai lần mỗi vòng
hint-wrong-type = ghi giá trị dưới dạng { $expected }
hint-cannot-read = kiểm tra tệp có tồn tại và loa có quyền đọc không
hint-bad-loudness = ghi độ to như "-16 LUFS", hoặc "off" để phát tệp ở độ to vốn có
hint-loudness-out-of-range = -16 LUFS hợp với loa phóng thanh; -23 LUFS là chuẩn phát thanh
hint-bad-gain = ghi mức khuếch đại như "+3 dB" hoặc "-4.5 dB"
hint-gain-out-of-range = tệp cần khuếch đại nhiều như vậy thì nên ghi âm hoặc xuất lại
hint-bad-silence-setting = ghi khoảng thời gian như "1s" hoặc "15s", hoặc "off"
hint-dead-air-too-short = dùng "15s" (mặc định), hoặc "off" để không theo dõi khoảng lặng
hint-quiet-segment = ghi âm hoặc xuất to hơn, hoặc đặt `gain = "+N dB"` cho tin bài nếu muốn phát như vậy
hint-silent-segment = kiểm tra bản ghi: có thể đã xuất khi tắt tiếng hoặc nhầm rãnh âm thanh
hint-mostly-silent = kiểm tra bản ghi; khoảng lặng ở đầu và cuối được bỏ qua khi phát (`trim_silence`)
hint-long-pause-inside = cắt khoảng lặng khỏi tệp, hoặc tăng `dead_air` trong [station]
hint-bad-hub-url = ghi địa chỉ tỉnh cung cấp, ví dụ hub = "https://hub.example.vn" (chỉ dùng http khi hub chạy trên chính máy này)
hint-bad-hub-ca = chỉ tới tệp PEM chứng chỉ của hub hoặc của tổ chức cấp chứng chỉ, như tỉnh đã gửi, hoặc bỏ `ca` để tin các chứng chỉ của hệ thống

## loa check: tóm tắt

check-ok = { $path }: hợp lệ — { $name } ({ $id })
check-counts = { $slots } khung giờ, { $playlists } danh sách phát, { $segments } tin bài, { $audio } âm thanh
check-next = buổi phát tới: { $airing }
check-next-none = buổi phát tới: không có buổi phát nào trong một năm tới
check-warnings-above = { $count } cảnh báo ở trên
check-failed = { $path }: { $errors } lỗi, { $warnings } cảnh báo; đài chưa thể phát cho tới khi sửa hết lỗi
airing-headline = { $time } { $slot } — { $count } tin bài, { $length }

## loa schedule

schedule-day = { $weekday } { $date }
weekday-mon = Thứ Hai
weekday-tue = Thứ Ba
weekday-wed = Thứ Tư
weekday-thu = Thứ Năm
weekday-fri = Thứ Sáu
weekday-sat = Thứ Bảy
weekday-sun = Chủ nhật
schedule-nothing-valid = (không có tin bài hợp lệ để phát)
schedule-total = { $total }  trên thời lượng tối đa { $max }
schedule-empty = không có buổi phát nào trong khoảng thời gian này
schedule-relay = tiếp sóng { $url } trong { $length }
schedule-no-fallback = không có nội dung dự phòng: im lặng khi mất luồng
schedule-fallback = nội dung dự phòng khi mất luồng: { $count } tin bài, { $length }, phát lần lượt

## Mọi lệnh: lỗi và nguyên nhân

error-line = lỗi: { $error }
error-cause = nguyên nhân: { $cause }

## Câu nhật ký phát sóng ghi (bằng tiếng Anh; loa nhận ra để hiện bằng tiếng Việt)

reason-shutdown = loa được lệnh dừng (dừng dịch vụ hoặc tắt máy)
reason-nothing-aired = không phát ra được chút âm thanh nào
reason-daemon-stopped = loa dừng đột ngột giữa buổi phát (phần mềm lỗi, bị tắt ngang hoặc mất điện)
reason-player-thread-failed = bộ phát của loa gặp lỗi nội bộ
reason-file-missing = thiếu tệp
reason-relay-never-came = luồng phát trực tuyến không có âm thanh trong suốt khung giờ
reason-reopened = { $failure } (thiết bị âm thanh được mở lại và tin bài phát tiếp)

## loa report và loa export

period-unrecognised = không hiểu kỳ báo cáo { $period }; dùng 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 hoặc 2021-03-01..2021-06-30
period-backwards = kỳ báo cáo { $from }..{ $to } kết thúc trước khi bắt đầu
period-cutoff-not-applicable = `--cutoff official` chỉ dùng cho kỳ 6 tháng và kỳ năm (2021-H1, 2021-H2, 2021), không dùng cho { $period }
topics-unreadable = { $path }: không đọc được danh mục chủ đề
topics-bad-toml = { $path }: danh mục chủ đề viết sai cú pháp TOML: { $detail } (`loa check` chỉ ra chỗ sai)
bundle-unreadable = { $path }: không đọc được gói xuất
bundle-no-manifest = { $path }: không phải gói xuất của loa (tệp tar do `loa export` tạo, có manifest.json); thư mục nhật ký thì đưa vào dưới dạng thư mục
bundle-bad-manifest = { $path }: tệp manifest.json của gói xuất bị hỏng: { $detail }
bundle-unknown-version = { $path }: gói xuất có cấu trúc phiên bản { $version }, mới hơn phiên bản loa này hiểu được; hãy cập nhật loa
bundle-bad-member = { $path }: thành phần { $name } của gói xuất không phải tệp thường, quá lớn hoặc có mặt hai lần: gói xuất đã bị sửa đổi
input-unreadable = { $path }: không đọc được thư mục này
tally-reread-failed = không đọc lại được nhật ký sau khi xác minh: { $detail }
tally-changed-because = nhật ký đã thay đổi sau khi xác minh: { $detail }
tally-changed = nhật ký đã thay đổi sau khi xác minh
tally-conflict = hai gói xuất của đài này có bản ghi số { $seq } khác nhau: một trong hai đã bị ghi lại
tally-spool-failed = không lưu được chi tiết từng buổi phát: { $detail }
slice-unreadable = { $path }: không đọc được nhật ký phát sóng
slice-no-checkpoint = nhật ký phát sóng chưa có dấu kiểm nào để kết thúc gói xuất; phần mềm loa đang chạy ghi một dấu kiểm mỗi giờ (hoặc dừng nó rồi xuất lại)
slice-since-not-in-log = dấu kiểm đưa vào bằng `--since` (bản ghi số { $seq }) không có trong nhật ký của đài này
export-key = { $error } (lệnh xuất ký một dấu kiểm mới bằng khóa ký của đài: hãy chạy lệnh bằng tài khoản của đài)
export-held-without-checkpoint = { $holder } đang ghi nhật ký phát sóng, và nhật ký chưa có dấu kiểm nào để kết thúc gói xuất: xuất lại khi nó đã xong (`loa play` xong khi buổi phát kết thúc), hoặc sau dấu kiểm hằng giờ tới của phần mềm loa đang chạy
export-unwritable = { $path }: không ghi được gói xuất
report-no-format = hãy chọn định dạng: `--format xlsx|csv|json|html`, hoặc ghi ra tệp `-o` có đuôi .xlsx, .csv, .json hay .html
report-xlsx-needs-output = bảng tính phải ghi ra tệp: thêm `-o bao-cao.xlsx`
report-no-log = { $path }: ở đây không có nhật ký phát sóng hay gói xuất nào (không có tệp air-YYYY-MM.jsonl, không có gói .tar ở trong hay trong các thư mục con)
report-unwritable = { $path }: không ghi được báo cáo
report-workbook-unwritable = { $path }: không ghi được bảng tính: { $detail }
report-wrote = đã ghi { $files }
report-counted = { $counted } trên { $stations } đài đã xác minh và được tính
report-not-counted = KHÔNG được tính (nhật ký không xác minh được; xem trang Kiểm tra nhật ký): { $stations }
export-wrote = đã ghi { $path } cho đài { $station }
export-records = bản ghi:   từ { $first } đến { $last }
export-checkpoint-signed = dấu kiểm:  bản ghi số { $seq }, vừa ký ({ $at })
export-checkpoint-newest = dấu kiểm:  bản ghi số { $seq } lúc { $at } ({ $holder } đang ghi nhật ký nên đây là dấu kiểm mới nhất; các bản ghi sau có trong lần xuất tới)
export-another-process = một tiến trình loa khác
export-verified-ok = xác minh:  nguyên vẹn
export-verified-failed = xác minh:  KHÔNG ĐẠT: Sở sẽ không tính nhật ký này; `loa verify { $path }` cho biết lý do
export-not-remembered = cảnh báo:  không lưu được lần xuất này để dùng cho lần sau ({ $detail }); hãy giữ gói xuất này và đưa vào lần xuất sau bằng `--since`
export-send = gửi gói xuất này lên tỉnh; tỉnh kiểm tra bằng lệnh: `loa verify { $path } --checkpoint <gói xuất lần trước>`

## Phần mềm loa (loa run) và loa play

daemon-key-unusable = không dùng được khóa ký của đài
daemon-log-unusable = không dùng được nhật ký phát sóng
daemon-on-air = { $name } ({ $id }) bắt đầu hoạt động
daemon-new-key = đã tạo khóa ký mới { $path } — mã nhận dạng khóa { $fingerprint }; hãy sao lưu khóa và gửi kết quả của `loa key show` lên tỉnh
daemon-torn-tail = nhật ký phát sóng kết thúc bằng một bản ghi dở dang ({ $bytes } byte), đã được chuyển sang chỗ khác và ghi nhận lại
daemon-next = buổi phát tới: { $airing }
daemon-next-none = buổi phát tới: không có buổi phát nào trong những ngày tới
play-unknown-slot = không có khung giờ nào tên { $slot }; các khung giờ là: { $known }
play-nothing-valid = khung giờ { $slot } hôm nay không có tin bài hợp lệ để phát (tin bài đã hết hiệu lực, chưa tới ngày hiệu lực hoặc chưa được duyệt)
play-nothing-to-play = hãy ghi tên một khung giờ, hoặc một tệp với `--file`
play-no-daemon = không có phần mềm loa nào trả lời ở { $socket }: `--now` gửi thông báo tới đài đang chạy (hãy khởi động nó, ví dụ `systemctl start loa`); muốn phát một tệp mà không cần nó thì dùng `--file`
play-refused = phần mềm loa từ chối thông báo: { $reason }
play-nothing-aired = không phát ra được chút âm thanh nào qua thiết bị { $output }: kiểm tra card âm thanh đã cắm và bật chưa, và `output =` trong `station.toml` có đúng tên nó không
play-nothing-aired-because = không phát ra được chút âm thanh nào qua thiết bị { $output } ({ $reason }): kiểm tra card âm thanh đã cắm và bật chưa, và `output =` trong `station.toml` có đúng tên nó không
outcome-completed = đã phát trọn vẹn
outcome-cut-at-max = bị cắt ở thời lượng tối đa của khung giờ
outcome-interrupted = bị ngắt giữa chừng ({ $reason })
outcome-failed = phát lỗi: { $reason }
outcome-aired = đã phát { $length }
outcome-dead-air = KHOẢNG LẶNG { $length } (đã bỏ qua)
announcement-emergency = khẩn cấp
announcement-priority = ưu tiên
announcement-normal = thường
announcement-when-emergency = thông báo ngắt ngay buổi phát đang phát (giảm dần âm lượng trong chốc lát), xong thì buổi phát tiếp tục
announcement-when-priority = thông báo phát khi tin bài đang phát kết thúc, xong thì buổi phát tiếp tục
announcement-when-normal = thông báo phát khi không có gì đang phát
announcement-first = đứng đầu hàng đợi
announcement-behind = có { $ahead } thông báo phát trước
announcement-queued = đã đưa thông báo { $kind } vào hàng đợi ({ $place }): { $segments } tin bài, { $length }; { $when }. Khi đã phát, hoặc nếu không phát được (phần mềm loa dừng trước), nhật ký phát sóng sẽ ghi lại (`loa status` hiện nó trong các buổi phát gần nhất).
play-outcome = { $outcome }, đã ghi vào nhật ký phát sóng là phát thủ công
airing-summary-relay = tiếp sóng { $url }
airing-summary = { $count } tin bài, { $length }
missed-summary = bỏ lỡ: { $reason }
config-on-disk-has-errors = cảnh báo: { $path } có lỗi ({ $detail }); phần mềm loa đang chạy vẫn dùng cấu hình hợp lệ gần nhất cho tới khi sửa xong: `loa check` liệt kê các lỗi

## systemctl status loa

systemd-next = buổi phát tới: { $slot } lúc { $at }
systemd-airing = đang phát: { $slot }, theo lịch lúc { $scheduled }
systemd-idle = không có buổi phát nào trong những ngày tới

## loa devices

devices-heading = Các thiết bị âm thanh (ghi một tên vào `station.toml` dạng  `output = "TÊN"`):
devices-also = Ngoài ra: `output = "wav:ĐƯỜNG-DẪN"` ghi những gì phát ra vào một tệp WAV; `output = "null"` không phát ra đâu cả (cả hai đều chạy theo thời gian thực).
device-not-there = cảnh báo: hiện không có thiết bị âm thanh { $name } mà `output =` ghi (`loa devices` liệt kê các thiết bị đang có); phần mềm loa sẽ tiếp tục thử mở nó, nên card cắm vào sau vẫn dùng được

## loa verify và loa status

## Gửi nhật ký lên máy chủ tỉnh: loa status và nhật ký hệ thống của dịch vụ

upload-error-ca = không dùng được tệp chứng chỉ của máy chủ tỉnh: { $detail }
upload-error-unreachable = không kết nối được tới máy chủ tỉnh: { $detail }
upload-error-refused = máy chủ tỉnh từ chối: { $reason } ({ $detail })
upload-error-status = máy chủ tỉnh trả lời HTTP { $status }
upload-error-bad-answer = câu trả lời không phải của máy chủ loa hub ({ $detail }); kiểm tra [upload] hub
upload-error-log-unreadable = không đọc được nhật ký phát sóng: { $detail }
upload-error-log-damaged = nhật ký phát sóng thiếu bản ghi số { $seq } (hư hỏng, xem `loa verify`): không gửi được các bản ghi sau đó
upload-error-hub-ahead = máy chủ tỉnh giữ bản ghi đến số { $hub_last } nhưng nhật ký này chỉ đến số { $log_last }: nhật ký có bị khôi phục từ bản sao cũ không? Hãy báo tỉnh
upload-error-diverged = bản ghi số { $seq } trên máy chủ tỉnh khác bản ghi của nhật ký này: hãy báo tỉnh (máy chủ giữ cả hai làm bằng chứng)
upload-error-key = không đọc được khóa ký của đài để ký tín hiệu trạng thái: { $detail }
upload-refusal-unknown-station = đài chưa được đăng ký trên máy chủ tỉnh
upload-refusal-invalid = có bản ghi không xác minh được bằng khóa công khai máy chủ đang giữ
upload-refusal-fork = có bản ghi khác với bản ghi máy chủ đang giữ (xung đột)
upload-refusal-gap = thiếu bản ghi trước lô gửi này
upload-refusal-too-large = yêu cầu quá lớn
upload-refusal-rate-limited = gửi quá nhiều yêu cầu; đang chờ
upload-refusal-bad-request = yêu cầu sai định dạng
upload-refusal-replayed = số đếm của tín hiệu trạng thái đã được dùng
upload-refusal-stale = thời gian của tín hiệu trạng thái lệch quá xa đồng hồ máy chủ (kiểm tra đồng hồ của đài)
status-upload-hub = máy chủ tỉnh: { $hub }
status-upload-acknowledged = {"  "}đã nhận: đến bản ghi số { $held } / bản ghi mới nhất số { $last } ({ $state })
status-upload-acknowledged-none = {"  "}đã nhận: chưa có bản ghi nào / bản ghi mới nhất số { $last } ({ $state })
status-upload-up-to-date = đã đủ
status-upload-to-send = còn { $count } bản ghi chưa gửi
status-upload-not-known = {"  "}đã nhận: chưa rõ (máy chủ tỉnh chưa trả lời)
status-upload-last-success = {"  "}lần gửi được gần nhất: { $at }
status-upload-never = {"  "}lần gửi được gần nhất: chưa có từ khi khởi động
status-upload-failing = {"  "}ĐANG LỖI: { $at } — { $message }
status-upload-last-error = {"  "}lỗi gần nhất: { $at } — { $message }

## loa log, loa key và phần trợ giúp (--help)

## loa report: tên đơn vị, hồ sơ báo cáo, phần đầu văn bản

report-side-file-invalid = { $path } chưa dùng được: có { $count } lỗi, liệt kê dưới đây
