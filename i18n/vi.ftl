# Thông báo của loa bằng tiếng Việt. Mỗi id một thông báo; `{ $tên }` là giá
# trị loa điền vào. Mọi id ở đây đều có trong en.ftl, với cùng các giá trị.
# Thuật ngữ: docs/vi/thuat-ngu.md.

## loa check: các lỗi cấu hình

diagnostic-error = lỗi
diagnostic-warning = cảnh báo
diagnostic-help = cách sửa
config-files-unreadable = { $path }: không đọc được tệp cấu hình: { $detail }
config-files-invalid = { $path }: { $detail } (chạy `loa check -c { $path }` để xem đủ các lỗi)
config-files-syntax = sai cú pháp TOML ở dòng { $line }, cột { $column }
config-files-no-station = tệp không có bảng [station]
config-files-no-id = bảng [station] thiếu `id`
config-files-not-text = `{ $key }` trong [station] phải là chữ đặt trong ngoặc kép
config-invalid-summary = { $path }: có { $count } lỗi (liệt kê ở trên); sửa xong thì chạy lại `loa check -c { $path }`
expected-string = một chuỗi chữ trong ngoặc kép, ví dụ "văn bản"
expected-integer = một số nguyên, ví dụ 3
expected-bool = true (có) hoặc false (không)
expected-date = một ngày không có ngoặc kép, ví dụ 2021-03-03
expected-string-array = một danh sách chuỗi chữ, ví dụ ["05:30", "17:00"]
expected-table = một bảng, ví dụ [station]
expected-table-array = một danh sách bảng, ví dụ [[slot]]
config-cannot-read = không đọc được tệp này: { $detail }
config-named-file-missing = không có tệp { $path }
config-named-file-unreadable = không đọc được tệp { $path }: { $detail }
config-toml-syntax = tệp này viết sai cú pháp TOML: { $detail }
config-toml-unquoted-text = tệp này viết sai cú pháp TOML: chữ phải đặt trong ngoặc kép
config-toml-unclosed-quote = tệp này viết sai cú pháp TOML: có dấu ngoặc kép mở mà không đóng
config-toml-missing-equals = tệp này viết sai cú pháp TOML: thiếu dấu `=` giữa tên khóa và giá trị
config-unknown-key = khóa `{ $key }` không có trong { $table }
config-wrong-type = `{ $key }` phải là { $expected }
config-missing-key = { $table } thiếu `{ $key }`
config-top-level = tệp
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
config-hub-url-not-https = địa chỉ không bắt đầu bằng https
config-hub-url-host-query = địa chỉ phải có tên máy chủ và không có phần truy vấn (sau dấu ?)
config-hub-url-password = địa chỉ có chứa mật khẩu
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
hint-named-file-missing = sửa tên tệp ở dòng này, hoặc tạo tệp đó (danh mục chủ đề: chép tệp `topics.toml` đi kèm phần mềm)
hint-default-file-missing = tạo tệp đó (danh mục chủ đề: chép tệp `topics.toml` đi kèm phần mềm), hoặc ghi `{ $key } = "…"` trong [station] để chỉ tới tệp cần dùng
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
reason-not-resumed = phát thông báo; khung giờ đã hết trước khi buổi phát kịp phát tiếp
reason-not-started = chưa phát: khung giờ không còn thời gian, hoặc buổi phát bị dừng
reason-not-aired-stopped = chưa phát: loa dừng giữa buổi phát
reason-unknown-stopped = không rõ: loa dừng giữa buổi phát

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

verify-unknown-station = (không rõ đài)
verify-label-verdict = kết luận
verify-label-records = bản ghi
verify-label-period = thời gian
verify-label-times = giờ
verify-label-signatures = chữ ký số
verify-label-key = khóa
verify-label-last-checkpoint = dấu kiểm mới nhất
verify-label-kept-checkpoint = dấu kiểm đã giữ
verify-ok-filed = ĐẠT: nguyên vẹn, và do khóa công khai đã lưu hồ sơ ký
verify-ok-unfiled = ĐẠT: nguyên vẹn; chưa kiểm tra nguồn gốc (không đưa vào khóa công khai nào đã lưu hồ sơ cho đài này: --pubkey TỆP)
verify-failed = KHÔNG ĐẠT ({ $count } lỗi)
verify-records-slice = { $records } (từ bản ghi số { $first } đến số { $last }: một gói xuất)
verify-records-whole = { $records } (bản ghi cuối: số { $last })
verify-records-none = 0
verify-period = từ { $from } đến { $to }
verify-zone-manifest = giờ địa phương theo múi giờ { $zone }, múi giờ ghi trong manifest của gói xuất
verify-zone-config = giờ địa phương theo múi giờ { $zone }, múi giờ trong cấu hình của đài
verify-zone-given = giờ địa phương theo múi giờ { $zone }, theo --tz
verify-zone-unknown = giờ UTC: thư mục nhật ký không cho biết múi giờ của đài (thêm --tz MÚI_GIỜ, hoặc -c tệp cấu hình của đài, để xem giờ địa phương)
verify-signatures-checked = đã kiểm tra tất cả
verify-signatures-skipped = CHƯA kiểm tra (chỉ kiểm tra chuỗi băm)
verify-key = { $fingerprint } từ bản ghi số { $seq }
verify-checkpoint = bản ghi số { $seq } lúc { $at }
verify-checkpoint-none = chưa có
verify-kept-contained = bản ghi số { $seq }: có trong nhật ký
verify-kept-missing = bản ghi số { $seq }: KHÔNG CÓ trong nhật ký
verify-problems = lỗi:
verify-problem-in-log = nhật ký
verify-problem-record = { $place } (bản ghi số { $seq })
verify-more-problems = … và { $count } lỗi nữa
verify-no-log = { $path }: KHÔNG ĐẠT: ở đây không có nhật ký phát sóng (không có tệp air-YYYY-MM.jsonl ở trong hay trong các thư mục con)
verify-checkpoint-unmatched = dấu kiểm của đài { $station } (bản ghi số { $seq }): KHÔNG ĐẠT: không có nhật ký nào của đài đó được xác minh
devices-none = Máy này không có đầu ra âm thanh nào: ALSA không thấy card âm thanh nào, cũng không có đầu ra nào được cấu hình. Hãy cắm card âm thanh (card USB cũng được) rồi chạy lại `loa devices`; lệnh `aplay -l` liệt kê các card mà hệ thống thấy.
status-announcement-cutting-in = đang phát: thông báo { $priority ->
        [emergency] khẩn cấp
        [priority] ưu tiên
       *[other] thường
    } { $source } từ { $since } (đã phát { $elapsed }), chen vào khung giờ { $slot }; khung giờ phát tiếp sau thông báo
status-announcement-on-air = đang phát: thông báo { $priority ->
        [emergency] khẩn cấp
        [priority] ưu tiên
       *[other] thường
    } { $source } từ { $since } (đã phát { $elapsed })

## Gửi nhật ký lên máy chủ tỉnh: loa status và nhật ký hệ thống của dịch vụ

upload-error-ca = không dùng được tệp chứng chỉ của máy chủ tỉnh: { $detail }
upload-error-unreachable = không kết nối được tới máy chủ tỉnh: { $detail }
upload-error-refused = máy chủ tỉnh từ chối: { $reason } ({ $detail })
upload-error-status = máy chủ tỉnh trả lời HTTP { $status }
upload-answer-unknown-refusal = HTTP { $status }: mã từ chối lạ { $code }
upload-answer-not-a-head = câu trả lời không cho biết bản ghi cuối cùng máy chủ tỉnh đã nhận: { $detail }
upload-answer-other-station = câu trả lời nói về đài { $station }
upload-answer-bad-hash = chuỗi băm trong câu trả lời không phải 64 chữ số hệ mười sáu
upload-answer-too-large = câu trả lời quá lớn
upload-answer-acknowledged-wrong = máy chủ tỉnh xác nhận tới bản ghi { $acknowledged } thay vì { $expected }
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

# --help: các từ của clap, rồi lời giải thích của từng lệnh và tùy chọn
# (help-LỆNH, help-LỆNH--TÙY-CHỌN), nghĩa của từng giá trị một tùy chọn nhận
# (help-choice-TÙY-CHỌN-GIÁ-TRỊ) và chỗ điền giá trị (help-value-TÊN).

help-heading-usage = Cách dùng
help-heading-commands = Lệnh
help-heading-arguments = Đối số
help-heading-options = Tùy chọn
help-placeholder-options = [TÙY-CHỌN]
help-placeholder-command = LỆNH
help-flag = Hiện trợ giúp
help-flag-summary = Hiện trợ giúp (xem đầy đủ với '--help')
help-flag-long = Hiện trợ giúp (xem bản tóm tắt với '-h')
help-version = Hiện phiên bản
help-help = Hiện trợ giúp này, hoặc trợ giúp của lệnh được ghi sau
help-default = [mặc định: { $value }]
help-values = [giá trị: { $values }]
help-choices = Các giá trị
help-loa = Phần mềm lập lịch phát sóng cho đài truyền thanh cơ sở của Việt Nam, với nhật ký phát sóng có chữ ký số, phát hiện được mọi sửa đổi
help-check = Kiểm tra cấu hình và danh sách phát của đài
help-check--config = Tệp cấu hình của đài [mặc định: `./config/station.toml`, nếu không có thì `/etc/loa/station.toml`]
help-run = Chạy phần mềm loa: phát mọi khung giờ đúng giờ
help-run--config = Tệp cấu hình của đài [mặc định: `./config/station.toml`, nếu không có thì `/etc/loa/station.toml`]
help-run--output = Nơi phát âm thanh ra, thay cho `output` trong cấu hình: `default`, tên một thiết bị, `wav:ĐƯỜNG-DẪN` hoặc `null`
help-play = Phát ngay buổi phát tới của một khung giờ, hoặc một tệp (để thử loa)
help-play--config = Tệp cấu hình của đài [mặc định: `./config/station.toml`, nếu không có thì `/etc/loa/station.toml`]
help-play--output = Nơi phát âm thanh ra, thay cho `output` trong cấu hình
help-play--slot = Khung giờ có buổi phát tới cần phát ngay
help-play--file = Phát ngay một tệp âm thanh thay cho khung giờ
help-play--now = Gửi một thông báo (tên một danh sách phát hoặc một tệp âm thanh) tới phần mềm loa đang chạy
help-play--priority = Mức của thông báo: `emergency` (khẩn cấp) ngắt ngay, `priority` (ưu tiên) phát sau tin bài đang phát, `normal` (thường) phát khi không có gì đang phát
help-choice-priority-normal = Phát khi không có gì khác đang phát
help-choice-priority-priority = Phát sau tin bài đang phát
help-choice-priority-emergency = Ngắt ngay, xong thì buổi phát tiếp tục
help-play--by = Người yêu cầu thông báo, để ghi vào nhật ký phát sóng
help-schedule = Xem lịch phát những ngày tới
help-schedule--config = Tệp cấu hình của đài [mặc định: `./config/station.toml`, nếu không có thì `/etc/loa/station.toml`]
help-schedule--from = Ngày đầu tiên cần xem (theo giờ của đài) [mặc định: hôm nay]
help-schedule--days = Số ngày cần xem
help-schedule--json = Mỗi buổi phát một đối tượng JSON, mỗi đối tượng một dòng
help-status = Phần mềm loa đang chạy đang làm gì
help-status--config = Tệp cấu hình của đài [mặc định: `./config/station.toml`, nếu không có thì `/etc/loa/station.toml`]
help-status--json = Trạng thái dưới dạng một đối tượng JSON
help-key = Quản lý khóa ký của đài
help-key--config = Tệp cấu hình của đài (mặc định: `./config/station.toml`, nếu không có thì `/etc/loa/station.toml`)
help-key-generate = Tạo khóa ký Ed25519 của đài (không bao giờ ghi đè khóa đã có)
help-key-show = Hiện mã đài, khóa công khai và mã nhận dạng khóa để gửi Sở
help-key-show--out = Ghi thêm tệp khóa công khai (`.pub`) vào đây
help-key-rotate = Đổi khóa: nhật ký phát sóng ghi lại khóa mới, ký bằng khóa cũ
help-log = Xem các buổi phát đã ghi trong nhật ký phát sóng
help-log--config = Tệp cấu hình của đài (thư mục nhật ký và múi giờ)
help-log--dir = Đọc thư mục nhật ký này thay cho thư mục trong cấu hình
help-log--from = Ngày đầu tiên cần xem (YYYY-MM-DD, giờ địa phương), tính cả ngày đó
help-log--to = Ngày cuối cùng cần xem (YYYY-MM-DD, giờ địa phương), tính cả ngày đó
help-log--slot = Chỉ khung giờ này
help-log--tz = Múi giờ dùng với --dir (mặc định: múi giờ trong cấu hình, nếu không có thì `Asia/Ho_Chi_Minh`)
help-log--json = Mỗi buổi phát một đối tượng JSON
help-verify = Xác minh nhật ký phát sóng hoặc gói xuất
help-verify--paths = Thư mục nhật ký, gói xuất (`loa export`) hoặc thư mục chứa chúng; mặc định: `log_dir` trong cấu hình của đài
help-verify--config = Tệp cấu hình của đài, để lấy ĐƯỜNG-DẪN mặc định
help-verify--pubkey = Một tệp khóa công khai Sở đã lưu (`loa key show --out`); khóa đầu tiên của nhật ký phải là một trong số đó. Ghi được nhiều lần
help-verify--checkpoint = Một dấu kiểm giữ từ lần xuất trước (tệp `checkpoint` của nó, hoặc chính gói xuất lần trước); nhật ký phải chứa và nối tiếp dấu kiểm đó. Ghi được nhiều lần
help-verify--json = Mỗi đài một đối tượng JSON thay cho văn bản
help-verify--chain_only = Chỉ kiểm tra chuỗi băm và số thứ tự bản ghi, không kiểm tra chữ ký số (nhanh)
help-verify--strict = Kiểm tra riêng từng chữ ký số (cùng quy tắc ZIP 215), không kiểm tra theo lô
help-verify--tz = Múi giờ để hiện thời gian của các thư mục nhật ký ghi ở ĐƯỜNG-DẪN (gói xuất tự ghi múi giờ của nó; mặc định: múi giờ trong cấu hình, khi có đọc cấu hình)
help-report = Báo cáo định kỳ gửi Sở (xlsx, csv, json, html)
help-report--paths = Thư mục nhật ký và/hoặc gói xuất (hoặc thư mục chứa chúng); mặc định: nhật ký của chính đài trong cấu hình
help-report--period = Kỳ báo cáo: 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 hoặc 2021-03-01..2021-06-30
help-report--cutoff = `official`: kỳ 6 tháng từ 15/12 đến 14/6 (15/6 đến 14/12), kỳ năm từ 15/12 đến 14/12
help-choice-cutoff-calendar = Nửa năm và năm theo lịch
help-choice-cutoff-official = Ngày chốt số liệu của cơ quan hành chính: kỳ 6 tháng từ 15/12 năm trước đến 14/6 (và 15/6 đến 14/12), kỳ năm từ 15/12 đến 14/12
help-report--format = Định dạng báo cáo (mặc định: theo đuôi của tệp -o)
help-choice-format-xlsx = Bảng tính Excel: mỗi bảng một trang
help-choice-format-csv = CSV (UTF-8 có BOM): mỗi bảng một tệp, hoặc chỉ bảng `--view`
help-choice-format-json = Mọi số liệu, cho máy đọc (`docs/report.md`)
help-choice-format-html = Báo cáo hành chính tiếng Việt, trình bày theo thể thức văn bản hành chính
help-report--output = Tệp ghi báo cáo (csv không có --view: một thư mục, mỗi bảng một tệp); mặc định: đầu ra chuẩn (không dùng cho xlsx)
help-report--view = Với csv: chỉ bảng này
help-report--config = Tệp cấu hình của đài (nhật ký, múi giờ, danh mục chủ đề)
help-report--topics = Danh mục chủ đề để lấy tên chủ đề (mặc định: danh mục trong cấu hình, nếu không có thì 11 chủ đề của Sở)
help-report--tz = Múi giờ của các thư mục nhật ký ghi ở ĐƯỜNG-DẪN (gói xuất tự ghi múi giờ của nó)
help-report--pubkey = Các tệp khóa công khai Sở đã lưu; khóa của mỗi đài phải là một trong số đó. Ghi được nhiều lần
help-report--checkpoint = Các dấu kiểm (hoặc gói xuất lần trước) giữ từ những lần xuất trước; mỗi nhật ký phải nối tiếp chúng. Ghi được nhiều lần
help-report--date = Ngày của báo cáo (mặc định: hôm nay)
help-report--issuer = html: cơ quan ban hành, ví dụ "ĐÀI TRUYỀN THANH XÃ AN HIỆP" (mặc định: tên đài)
help-report--parent = html: cơ quan chủ quản, ví dụ "UBND XÃ AN HIỆP"
help-report--number = html: số văn bản, ví dụ "12/BC-ĐTT"
help-report--place = html: địa danh ở dòng ngày tháng, ví dụ "An Hiệp"
help-report--recipient = html: nơi nhận, ví dụ "Sở Văn hóa, Thể thao và Du lịch tỉnh Sóc Trăng"; ghi được nhiều lần
help-report--signer = html: chức danh người ký, ví dụ "GIÁM ĐỐC"
help-report--units = Tên các đơn vị (TOML, mã = tên), ví dụ "can-tho" = "Thành phố Cần Thơ", "can-tho/thanh-phu" = "Xã Thạnh Phú"; dùng để gọi tên các cấp khi cộng dồn và thay tên của các đài
help-report--profile = html: tệp thông tin văn bản báo cáo (TOML: parent, issuer, number, place, recipient, signer), ví dụ recipient = ["Sở Văn hóa, Thể thao và Du lịch tỉnh …"]; các tùy chọn ở trên được ưu tiên hơn
help-export = Xuất nhật ký của một kỳ thành một tệp để gửi lên
help-export--config = Tệp cấu hình của đài
help-export--period = Kỳ báo cáo: 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 hoặc 2021-03-01..2021-06-30
help-export--cutoff = `official`: theo ngày chốt số liệu của cơ quan hành chính
help-export--output = Gói xuất cần ghi (một tệp .tar)
help-export--since = Bắt đầu tại hoặc trước dấu kiểm này (một tệp dấu kiểm hoặc gói xuất lần trước), khi Sở yêu cầu
help-export--now = Thời điểm xuất thay cho giờ của đồng hồ (kiểm thử, chạy lại)
help-hub = Máy chủ tỉnh: nhận bản ghi của mọi đài, hiện tình trạng các đài, lập báo cáo
help-hub--config = Tệp cấu hình của máy chủ tỉnh
help-hub-user = Tài khoản của cán bộ
help-hub-user-add = Thêm một cán bộ, hoặc đặt mật khẩu mới (đọc từ đầu vào chuẩn, một dòng)
help-hub-user-add--name = Tên tài khoản (chữ thường không dấu, chữ số, `.`, `_`, `-`)
help-devices = Liệt kê các thiết bị âm thanh mà `output =` nhận
help-output-worker = Phát PCM từ đầu vào chuẩn ra một thiết bị âm thanh (do phần mềm loa khởi chạy)
help-output-worker--device = Thiết bị ALSA để phát: `default` hoặc một tên `loa devices` liệt kê
help-value-config = TỆP-CẤU-HÌNH
help-value-cutoff = CÁCH-CHỐT
help-value-date = NGÀY
help-value-days = SỐ-NGÀY
help-value-device = THIẾT-BỊ
help-value-dir = THƯ-MỤC
help-value-file = TỆP
help-value-file-playlist = TỆP|DANH-SÁCH-PHÁT
help-value-format = ĐỊNH-DẠNG
help-value-hub-toml = TỆP-CẤU-HÌNH
help-value-instant = THỜI-ĐIỂM
help-value-name = TÊN
help-value-out = THIẾT-BỊ
help-value-p = KỲ
help-value-path = ĐƯỜNG-DẪN
help-value-priority = MỨC
help-value-slot = KHUNG-GIỜ
help-value-text = VĂN-BẢN
help-value-view = BẢNG
help-value-zone = MÚI-GIỜ

## loa log và loa key: các từ của chúng

log-unreadable = cảnh báo: { $error }
log-problems = cảnh báo: { $count } bản ghi không đọc được; chạy `loa verify { $dir }` để xem chi tiết
log-no-airings = nhật ký phát sóng ở { $dir } chưa ghi buổi phát nào
log-no-airings-filtered = nhật ký phát sóng ở { $dir } không có buổi phát nào khớp --from, --to hoặc --slot
log-scheduled = { $date } { $weekday } { $time }
log-weekday-mon = T2
log-weekday-tue = T3
log-weekday-wed = T4
log-weekday-thu = T5
log-weekday-fri = T6
log-weekday-sat = T7
log-weekday-sun = CN
log-manual = phát thủ công
log-started = bắt đầu { $at }
log-ended = kết thúc { $at }
log-completed = đã phát trọn vẹn
log-cut-at-max = bị cắt ở thời lượng tối đa
log-interrupted = bị ngắt giữa chừng: { $reason }
log-failed = PHÁT LỖI: { $reason }
log-missed = BỎ LỠ: { $reason }
log-unfinished = không ghi nhận lúc kết thúc (loa dừng hoặc gặp sự cố khi đang phát)
log-segment = { $n }. { $title } [chủ đề { $topic }, { $language }] { $length } { $outcome }  ({ $file })
log-planned = { $n }. { $title } [chủ đề { $topic }, { $language }] dự kiến phát  ({ $file })
log-segment-aired = đã phát
log-segment-cut = bị cắt ngắn
log-segment-skipped = bỏ qua: { $reason }
log-segment-failed = phát lỗi: { $reason }
log-segment-dead-air = khoảng lặng: im lặng { $seconds } giây từ phút { $at }, đã bỏ qua
miss-daemon-down = phần mềm loa không chạy
miss-device-failure = thiết bị âm thanh lỗi: { $detail }
miss-nothing-to-air = không có tin bài hợp lệ để phát
miss-too-late = trễ quá thời gian chờ
miss-clock-step = đồng hồ bị chỉnh nhảy qua giờ phát
key-created = đã tạo khóa ký của đài { $path }
key-fingerprint = mã nhận dạng khóa: { $fingerprint }
key-give-public = gửi khóa công khai cho Sở: `loa key show --out station.pub`
key-show-station = đài:               { $station }
key-show-public = khóa công khai:    { $key }
key-public-written = đã ghi tệp khóa công khai { $path }
key-rotated = đã đổi khóa: { $old } -> { $new }
key-rotated-recorded = nhật ký phát sóng ghi lại khóa mới, ký bằng khóa cũ; gửi khóa công khai mới cho Sở: `loa key show --out station.pub`
key-not-recorded = không ghi được nhật ký phát sóng nên khóa chưa được đổi; giải phóng dung lượng đĩa rồi chạy lại `loa key rotate` (lệnh tiếp tục với cùng khóa mới)
key-error-io = { $path }: không đọc hoặc ghi được khóa ký
key-error-missing = { $path }: đài chưa có khóa ký; `loa run` tự tạo khóa khi đài chạy lần đầu, hoặc tạo ngay bằng `loa key generate`
key-error-exists = { $path }: đã có khóa ký; loa không bao giờ ghi đè khóa (muốn đổi khóa thì dùng `loa key rotate`)
key-error-not-a-file = { $path }: đường dẫn khóa ký không phải là một tệp
key-error-wrong-owner = { $path }: tệp khóa ký thuộc người dùng { $owner }, không phải người dùng này ({ $me }); cách sửa: `chown { $me } { $path }`
key-error-too-open = { $path }: quyền truy cập { $mode } quá rộng: người khác đọc được khóa riêng của đài; cách sửa: `chmod 600 { $path }`
key-error-directory-writable = { $dir }: thư mục chứa khóa ký có quyền truy cập { $mode }: người khác thay được khóa; cách sửa: `chmod go-w { $dir }`
key-error-malformed-secret = { $path }: không phải tệp khóa riêng của loa (cần dòng `loa-ed25519-secret-key-v1` và một dòng base64)
key-error-malformed-public = { $path }: không phải tệp khóa công khai của loa (cần một dòng `loa-ed25519 <khóa> <mã đài>`, như `loa key show --out` ghi ra)

## Hệ thống báo khi không dùng được một tệp (nguyên nhân dưới dòng lỗi:)

io-error = { $text } (mã lỗi hệ thống { $code })
io-not-found = không có tệp hoặc thư mục này
io-permission-denied = không có quyền truy cập
io-already-exists = tệp đã có
io-storage-full = đĩa hết dung lượng

## Nhật ký hệ thống của phần mềm (câu cho người đọc; các trường vẫn là mã máy)

journal-announcement-not-aired = thông báo không được phát: phần mềm đang dừng
journal-stopping = đang dừng
journal-config-applied = đã áp dụng cấu hình mới
journal-airing-missed = bỏ lỡ buổi phát
journal-nothing-valid = không có tin bài hợp lệ để phát
journal-airing-ended = buổi phát đã kết thúc: { $summary }
journal-announcement-airs = đang phát thông báo
journal-player-failed = luồng phát bị lỗi; phần mềm không phát được
journal-checkpoint-not-written = chưa ghi được dấu kiểm
journal-log-not-writable = không ghi được vào nhật ký phát sóng; bản ghi được giữ trong bộ nhớ
journal-record-not-written = bản ghi chưa được ghi vào nhật ký phát sóng
journal-not-watched = không theo dõi được thay đổi
journal-config-changed = cấu hình hoặc danh sách phát đã thay đổi; đang nạp lại
journal-output-not-ready = thiết bị âm thanh chưa sẵn sàng trước buổi phát; sẽ thử lại
journal-announcement-cuts-in = thông báo ngắt vào buổi phát
journal-segment-skipped = bỏ qua tin bài
journal-dead-air = khoảng lặng: âm thanh phát ra đã im quá lâu; chuyển sang tin bài tiếp theo
journal-output-failed = thiết bị âm thanh hỏng giữa buổi phát; đang mở lại
journal-relay-thread-panicked = luồng tiếp sóng bị lỗi nặng và đã dừng
journal-relay-decoder-panicked = thư viện giải mã âm thanh bị lỗi nặng khi giải mã luồng tiếp sóng
journal-probe-cache-too-large = tệp lưu kết quả dò tệp âm thanh quá lớn, bỏ qua
journal-probe-cache-unreadable = không đọc được tệp lưu kết quả dò tệp âm thanh, bỏ qua
journal-resampler-buffer = lỗi kích thước bộ đệm khi đổi tần số lấy mẫu
journal-decoder-panicked = thư viện giải mã âm thanh bị lỗi nặng
journal-upload-no-runtime = gửi nhật ký: không khởi động được; sẽ không gửi gì lên máy chủ tỉnh
journal-upload-back = gửi nhật ký: máy chủ tỉnh đã trả lời lại
journal-notify-not-sent = chưa gửi được thông báo cho systemd
journal-changes-not-noticed = sẽ không nhận ra thay đổi cấu hình; hãy gửi SIGHUP
journal-socket-not-available = không mở được socket trạng thái
journal-sighup = SIGHUP: đang nạp lại cấu hình
journal-config-not-applied = không áp dụng cấu hình; cấu hình trước vẫn có hiệu lực:
    { $errors }
journal-upload-failed = gửi nhật ký không được: { $message }
journal-heartbeat-failed = gửi tín hiệu trạng thái không được: { $message }
journal-looks-hung = buổi phát đã quá thời lượng lâu mà chưa kết thúc: phần mềm có vẻ bị treo; bộ giám sát của systemd sẽ khởi động lại nó

## loa status
status-running = { $name } ({ $station }) — phần mềm loa đang chạy từ { $since } (đã chạy { $uptime })
status-output = thiết bị phát: { $output }
status-output-last-failure = thiết bị phát: { $output } — lỗi gần nhất: { $error }
status-now-playing = đang phát: { $slot } từ { $since } (được { $position })
status-now-playing-segment = đang phát: { $slot } từ { $since } (được { $position }), tin bài "{ $title }"
status-now-playing-nothing = đang phát: không có gì
status-next = sắp phát
status-last = đã phát
status-nothing-scheduled = không có buổi phát nào trong những ngày tới
status-nothing-aired = chưa phát buổi nào từ khi khởi động
status-dead-air = KHOẢNG LẶNG: { $count } lần từ khi khởi động; lần gần nhất lúc { $at } ở khung giờ { $slot }, "{ $file }" im { $silent } và đã bị bỏ qua (kiểm tra tệp âm thanh, bàn trộn âm và dây nối tới bộ khuếch đại)
status-change-pending = thay đổi cấu hình: hợp lệ, chờ buổi phát đang phát kết thúc; áp dụng từ buổi phát tới
status-config-error = cấu hình có lỗi (cấu hình trước vẫn có hiệu lực cho tới khi sửa xong):
status-log-head = nhật ký phát sóng: bản ghi số { $seq }, mã cuối chuỗi { $head }
status-checkpoint = dấu kiểm gần nhất: bản ghi số { $seq } lúc { $at }
status-not-running = phần mềm loa không chạy cho { $name } ({ $station }); hãy khởi động bằng `loa run` hoặc `systemctl start loa`
status-next-from-config = các buổi phát tới theo cấu hình:

## loa verify: nhật ký có gì sai
problem-unreadable = không đọc được: { $detail }
problem-torn-tail = bị cắt dở: nhật ký kết thúc bằng một dòng dở dang { $length } byte (lần ghi bị ngắt do phần mềm dừng đột ngột hoặc mất điện; phần mềm loa sẽ chuyển nó sang chỗ khác ở lần khởi động sau)
problem-partial-line = tệp này kết thúc bằng một dòng dở dang { $length } byte, nhưng sau nó vẫn còn các tệp khác
problem-bad-signature = chữ ký số không khớp với khóa ký đang dùng của đài: bản ghi đã bị sửa hoặc giả mạo
problem-out-of-sequence = bản ghi số { $found } nằm ở chỗ của bản ghi số { $expected }: có bản ghi bị xóa, chèn thêm, lặp lại hoặc đảo thứ tự
problem-chain-broken = `prev` không trỏ đúng bản ghi ngay trước nó: có bản ghi bị thay thế hoặc đảo thứ tự
problem-foreign-station = một bản ghi của đài { $found } nằm trong nhật ký của đài { $expected }
problem-no-genesis = nhật ký không bắt đầu bằng bản ghi khởi tạo của đài (bản ghi số 0): phần đầu đã bị xóa hoặc thay thế
problem-late-genesis = có bản ghi khởi tạo thứ hai nằm giữa nhật ký
problem-unusable-key = khóa mà bản ghi này đưa vào không phải khóa Ed25519 dùng được
problem-key-not-filed = nhật ký được ký bằng khóa { $key }, nhưng khóa Sở đã lưu cho đài này là { $filed }
problem-key-or = {" "}hoặc{" "}
problem-no-filed-key = các khóa công khai được đưa vào là của các đài khác ({ $filed_for }), không có khóa nào của đài này
problem-checkpoint-mismatch = dấu kiểm không trỏ đúng bản ghi ngay trước nó
problem-truncated = có bản ghi bị xóa: dấu kiểm giữ từ lần xuất trước có bản ghi số { $held }, nhưng nhật ký chỉ tới bản ghi số { $last }
problem-truncated-empty = có bản ghi bị xóa: dấu kiểm giữ từ lần xuất trước có bản ghi số { $held }, nhưng nhật ký không có bản ghi nào
problem-checkpoint-differs = bản ghi số { $held } không phải bản ghi mà dấu kiểm giữ từ lần xuất trước cho thấy: nhật ký đã bị viết lại
problem-foreign-checkpoint = dấu kiểm của gói xuất là bản ghi của đài { $station }, không phải của nhật ký này
problem-forged-checkpoint = dấu kiểm đưa vào cho bản ghi số { $held } không được ký bằng khóa của đài này
problem-starts-after-checkpoint = gói xuất này bắt đầu từ bản ghi số { $first }, sau bản ghi số { $held } của dấu kiểm giữ từ lần xuất trước, nên không chứng minh được là nối tiếp nó; hãy đề nghị đài xuất lại bằng `loa export --since` dấu kiểm đó
problem-empty = nhật ký không có bản ghi nào
problem-previous-run = bản ghi daemon_start nói lần chạy trước { $said }, nhưng bản ghi ngay trước nó cho thấy khác
problem-previous-none = không có (lần khởi động đầu tiên)
problem-previous-clean = đã dừng bình thường
problem-previous-crashed = đã dừng đột ngột
problem-starts-after-period = các bản ghi của gói xuất bắt đầu lúc { $first }, sau khi kỳ báo cáo bắt đầu lúc { $period }: thiếu bản ghi của kỳ (hãy xuất lại kỳ này)
problem-manifest-mismatch = tệp manifest.json của gói xuất ghi trường `{ $field }` trái với các bản ghi
problem-no-checkpoint-member = gói xuất không có phần `checkpoint` (mọi gói xuất đều kèm dấu kiểm của nó)
problem-bad-checkpoint-member = phần `checkpoint` của gói xuất không phải đúng một dòng bản ghi dấu kiểm: { $error }

## loa verify: một dòng không phải bản ghi hợp lệ
line-layout = không phải dòng bản ghi: phải đúng dạng {"{"}"body":…,"hash":"…","sig":"…"{"}"}, không có gì trước hay sau (không BOM, không CR)
line-not-utf8 = dòng này không phải UTF-8 hợp lệ
line-hash-spelling = mã băm không phải 64 chữ số thập lục phân viết thường
line-signature-spelling = chữ ký số không phải 64 byte viết bằng base64 chuẩn
line-hash-mismatch = mã băm không khớp với nội dung: nội dung hoặc mã băm đã bị sửa
line-field = trường `{ $name }` của nội dung bị thiếu, sai thứ tự hoặc sai dạng
line-unsupported-version = phiên bản định dạng { $version } chưa được phiên bản loa này biết (cần loa mới hơn?)
line-not-compact = có khoảng trắng ngoài chuỗi trong dữ liệu của bản ghi
line-unknown-kind = loại bản ghi `{ $kind }` không xác định
line-version-too-old = bản ghi ghi phiên bản định dạng { $version } nhưng dùng điều mà phiên bản { $needs } mới thêm
line-version-too-new = bản ghi ghi phiên bản định dạng { $version }, nhưng nội dung của nó thuộc phiên bản { $needs }, phiên bản mà nó phải ghi
line-not-canonical = một { $what } trong bản ghi không viết theo cách duy nhất mà định dạng cho phép (ký tự thoát JSON không cần, -0, 1.0, 1e0, hoặc ký tự điều khiển để nguyên)
line-rule = bản ghi vi phạm quy tắc về { $rule }: { $detail }
line-data = dữ liệu của bản ghi không khớp với loại của nó: { $detail }
## loa report: tên đơn vị, hồ sơ báo cáo, phần đầu văn bản

report-side-file-invalid = { $path } chưa dùng được: có { $count } lỗi, liệt kê dưới đây

## Gõ sai dòng lệnh (người đọc tiếng Việt; người đọc tiếng Anh thấy lời của clap)
parse-unknown-argument = lỗi: không có tùy chọn '{ $arg }'
parse-unknown-command = lỗi: không có lệnh '{ $name }'
parse-invalid-value = lỗi: giá trị '{ $value }' không hợp lệ cho '{ $arg }'
parse-value-validation = lỗi: giá trị '{ $value }' không hợp lệ cho '{ $arg }': { $why }
parse-missing-argument = lỗi: thiếu đối số bắt buộc: { $arg }
parse-missing-command = lỗi: hãy ghi tên một lệnh
parse-conflict = lỗi: không dùng '{ $arg }' cùng với '{ $other }' được
parse-too-many = lỗi: '{ $arg }' được ghi quá nhiều lần hoặc có quá nhiều giá trị
parse-valid-values = {"  "}các giá trị được nhận: { $values }
parse-did-you-mean = {"  "}có phải ý bạn là '{ $suggestion }'?
parse-see-help = Thêm '--help' để xem hướng dẫn đầy đủ.

## Tệp âm thanh của tin bài bị lỗi gì (loa check, nhật ký hệ thống; lý do bỏ qua tin bài trong nhật ký phát sóng, ở đó ghi bằng tiếng Anh)

audio-missing = { $path }: không có tệp này (đối chiếu tên trong danh sách phát với thư mục âm thanh)
audio-not-a-file = { $path }: đây là thư mục hoặc tệp đặc biệt, không phải tệp âm thanh
audio-empty = { $path }: tệp rỗng (0 byte); hãy chép lại tệp
audio-not-audio = { $path }: không phải tệp âm thanh ở định dạng loa phát được (mp3, ogg/vorbis, flac, wav), dù tên tệp ghi thế nào
audio-undecodable-copy = { $path }: không giải mã được: { $reason }; hãy chép lại tệp
audio-undecodable = { $path }: không giải mã được: { $reason }; hãy xuất hoặc chuyển đổi lại tệp (ví dụ sang mp3 hoặc ogg)
audio-truncated = { $path }: tệp bị cụt: phần đầu tệp ghi dài { $declared } nhưng tệp chỉ có { $found } (có thể do chép bị ngắt giữa chừng); hãy chép lại tệp
audio-unfinished = { $path }: tệp bị cụt: { $how } (có thể do chép hoặc tải lên bị ngắt giữa chừng); hãy chép lại tệp
audio-zero-length = { $path }: tệp không chứa âm thanh (dài 0 s)
audio-unsupported-signal = { $path }: loa không phát được âm thanh { $rate } Hz với { $channels } kênh (loa phát được từ 8000 đến 192000 Hz, từ 1 đến 8 kênh); hãy chuyển đổi tệp sang 48000 Hz stereo
audio-unreadable = { $path }: không đọc được tệp: { $detail }
undecodable-no-audio-track = tệp không có rãnh âm thanh nào
undecodable-codec = âm thanh trong tệp được mã hóa bằng { $codec }, loa không giải mã được
undecodable-damaged = dữ liệu của tệp bị hỏng ({ $detail })
undecodable-ends-early = tệp kết thúc trước khi hết phần âm thanh (có thể do chép bị ngắt giữa chừng)
undecodable-no-packet = không giải mã được gói âm thanh nào trong số các gói đầu tiên
undecodable-bad-packets = { $bad } gói âm thanh của tệp bị hỏng
undecodable-format-changes = định dạng âm thanh của tệp thay đổi giữa chừng
undecodable-decoder-failed = bộ giải mã âm thanh bị lỗi khi đọc dữ liệu của tệp
unfinished-ogg = tệp dừng trước khi hết luồng Ogg (trang cuối không có dấu kết thúc luồng)
unfinished-mp3 = tệp dừng ở giữa một khung MP3
silent-segment = tệp im lặng từ đầu đến cuối (không có âm thanh nào trên -50 dBFS): không phát
priming-failed = không chuẩn bị được tin bài để phát (lỗi nội bộ của loa)

## Thiết bị âm thanh: giá trị `output =` và sự cố (sự cố được ghi vào nhật ký phát sóng bằng tiếng Anh)

output-spec-empty = chưa ghi thiết bị âm thanh: hãy ghi "default", một tên thiết bị trong `loa devices`, "wav:ĐƯỜNG_DẪN" hoặc "null"
output-spec-empty-wav = sau "wav:" cần ghi một tệp, ví dụ "wav:/var/lib/loa/aircheck.wav"
output-not-open = thiết bị âm thanh bị dùng khi chưa được mở
output-partial-frame = đã ghi { $samples } mẫu ra thiết bị âm thanh, không chia đều thành các khung stereo
output-wav = { $path }: không ghi được tệp thu kiểm tra phát sóng
output-wav-format = { $path }: tệp WAV này là { $rate } Hz, { $bits } bit, { $channels } kênh; tệp thu kiểm tra phát sóng phải là 48000 Hz, 16 bit, 2 kênh. Tệp được giữ nguyên: hãy chuyển nó đi chỗ khác hoặc chọn tệp khác
output-wav-full = { $path }: tệp thu kiểm tra phát sóng đã đầy (một tệp WAV chứa được khoảng 6 giờ); hãy chuyển nó đi chỗ khác, loa sẽ bắt đầu một tệp mới
output-worker-start = không khởi động được tiến trình thiết bị âm thanh (`{ $exe } output-worker`)
output-worker-died-said = thiết bị âm thanh "{ $device }": tiến trình thiết bị đã dừng ({ $status }); thông báo cuối cùng của thiết bị: { $warning }; tiến trình sẽ được khởi động lại ở buổi phát tới
output-worker-died = thiết bị âm thanh "{ $device }": tiến trình thiết bị đã dừng ({ $status }); tiến trình sẽ được khởi động lại ở buổi phát tới
output-exit-unknown = không rõ mã thoát
output-stalled = thiết bị âm thanh "{ $device }": không phát ra âm thanh trong { $seconds } s dù có âm thanh đang chờ; tiến trình thiết bị đã bị dừng và sẽ được khởi động lại ở buổi phát tới
output-open-timed-out = thiết bị âm thanh "{ $device }": không khởi động được trong { $seconds } s
output-pipe = thiết bị âm thanh "{ $device }": mất kết nối với tiến trình thiết bị
output-device = thiết bị âm thanh "{ $device }": { $failure }
device-no-such-suggest = không có thiết bị âm thanh này; có phải ý bạn là "{ $name }"? (`loa devices` liệt kê các tên)
device-no-such = không có thiết bị âm thanh này (`loa devices` liệt kê các tên)
device-busy = thiết bị đang bận: một chương trình khác đang dùng nó
device-unavailable = thiết bị không dùng được (bị rút ra hoặc bị hỏng): { $detail }
device-permission = không có quyền: người dùng chạy loa phải thuộc nhóm "audio"
device-unsupported = thiết bị không phát được 48 kHz stereo ({ $detail }); hãy dùng tên "plughw:" hoặc "default" của nó, các tên này tự chuyển đổi
device-not-starting = thiết bị đã mở nhưng không bắt đầu phát
device-not-keeping-time = thiết bị nhận âm thanh nhanh hơn thời gian thực (một plugin ALSA không giữ nhịp như "null" hay "file"); hãy chọn một card âm thanh
device-keeps-failing = thiết bị liên tục báo lỗi; lỗi gần nhất: { $detail }
device-no-alsa = không dùng được ALSA: { $detail }
device-note = tiến trình thiết bị âm thanh: { $message }
device-note-suppressed = tiến trình thiết bị âm thanh: { $count } thông báo nữa trong giây vừa qua không được ghi lại

## Tiếp sóng: địa chỉ trong station.toml, và điều xảy ra với luồng (sự cố được ghi vào nhật ký phát sóng bằng tiếng Anh)

relay-url-empty = địa chỉ tiếp sóng đang để trống
relay-url-invalid = không phải địa chỉ luồng phát trực tuyến hợp lệ ({ $reason })
relay-url-scheme = địa chỉ tiếp sóng phải bắt đầu bằng http:// hoặc https://, không phải { $scheme }://
relay-url-no-host = địa chỉ tiếp sóng không ghi máy chủ nào
relay-dns = không tìm thấy tên máy chủ của luồng phát trực tuyến (kiểm tra địa chỉ và kết nối Internet của đài): { $detail }
relay-refused = máy chủ của luồng phát trực tuyến từ chối kết nối (sai cổng, hoặc luồng đang ngừng phát): { $detail }
relay-tls = kết nối bảo mật (https) không thành công: { $detail }
relay-no-stream = máy chủ không có luồng phát trực tuyến nào ở địa chỉ này (404)
relay-http-status = máy chủ trả lời bằng mã trạng thái HTTP { $status }
relay-not-audio = máy chủ không gửi âm thanh mà loa phát được: { $detail }
relay-playlist = không dùng được danh sách phát của luồng: { $detail }
relay-timeout = máy chủ không trả lời kịp
relay-stalled = luồng phát trực tuyến ngừng gửi âm thanh
relay-closed = máy chủ đã đóng luồng phát trực tuyến
relay-network = lỗi mạng: { $detail }
relay-detail-no-frame = đã nhận { $kib } KiB mà không có khung âm thanh nào giải mã được
relay-detail-nested-playlists = danh sách phát lồng nhau quá nhiều tầng
relay-detail-no-runtime = không khởi tạo được bộ chạy bất đồng bộ: { $error }
relay-detail-no-thread = không khởi động được luồng xử lý tiếp sóng: { $error }
relay-detail-decoder-crashed = bộ giải mã bị lỗi
relay-detail-frames-undecodable = các khung âm thanh của luồng không giải mã được
relay-detail-sample-rate = tần số lấy mẫu { $hz } Hz không dùng được
relay-detail-sample-rate-refused = không chuyển được tần số lấy mẫu { $hz } Hz: { $error }
relay-detail-resampler = lỗi khi chuyển tần số lấy mẫu: { $error }
relay-detail-unsupported = định dạng chưa hỗ trợ: { $what }
relay-connected-as = đã kết nối luồng tiếp sóng ({ $codec }, { $content_type })
relay-connected = đã kết nối luồng tiếp sóng ({ $codec })
relay-dropped = mất luồng tiếp sóng: { $failure }; đang kết nối lại
relay-title = chương trình đang tiếp sóng: { $title }
relay-overrun = bộ đệm tiếp sóng bị đầy: bỏ qua { $seconds } s âm thanh để theo kịp luồng trực tiếp
relay-events-lost = { $count } sự kiện tiếp sóng cũ hơn không được ghi lại

## loa play --now: vì sao phần mềm loa từ chối thông báo

announce-not-found = { $what } không phải danh sách phát của đài, cũng không phải tệp âm thanh mà phần mềm loa đọc được (hãy ghi tên một danh sách phát hoặc đường dẫn của tệp)
announce-file-missing = không tìm thấy { $path }: không có tệp này (kiểm tra thư mục và tên tệp)
announce-audio = không phát được tệp này: { $reason }
announce-nothing-to-air = danh sách phát { $playlist } hôm nay không có tin bài nào được phát (tin bài đã hết hiệu lực, chưa tới ngày hiệu lực hoặc chưa được duyệt)
announce-queue-full = đã có { $count } thông báo đang chờ; hãy đợi đến khi một thông báo được phát xong

## Nhật ký phát sóng và dấu kiểm: lỗi khi đọc hoặc ghi

airlog-io = { $path }: lỗi đọc/ghi nhật ký phát sóng
airlog-locked = { $dir }: { $holder } đang ghi nhật ký phát sóng này; hãy đợi nó xong, hoặc dừng nó trước
airlog-another-process = một tiến trình loa khác
airlog-bad-station = không dùng được mã đài { $station }: mã đài không được để trống và không được chứa ký tự điều khiển
airlog-station-mismatch = { $dir }: nhật ký phát sóng này là của đài { $in_log }, nhưng cấu hình ghi { $given }; hãy trỏ log_dir tới nhật ký của chính đài này
airlog-key-mismatch = { $dir }: nhật ký được ký bằng khóa { $in_log } nhưng tệp khóa ký chứa khóa { $given }; hãy dùng tệp khóa ký của chính đài (hoặc chạy nốt lệnh `loa key rotate` bị ngắt giữa chừng)
airlog-encode = không mã hóa được bản ghi: { $error }
airlog-queue-full = không ghi được nhật ký phát sóng và đã có { $capacity } bản ghi chờ trong bộ nhớ: sự kiện này không được ghi (nó được đếm trong bản ghi sự cố)
airlog-not-durable = { $pending } bản ghi không ghi được vào nhật ký phát sóng và đã bị mất: { $error }
airlog-unreadable = { $path }: không đọc được nhật ký phát sóng
airlog-torn = { $path }: kết thúc bằng một bản ghi dở dang dài { $length } byte tại byte { $offset } (việc ghi bị cắt ngang; phần mềm loa sẽ chuyển nó sang chỗ khác khi khởi động lại)
airlog-chain = { $path }:{ $line }: bản ghi { $found } không nối tiếp bản ghi { $previous } (có bản ghi bị thiếu, bị chèn thêm hoặc bị đảo thứ tự)
checkpoint-io = { $path }: không đọc hoặc ghi được dấu kiểm
checkpoint-bad = { $path }: không phải tệp dấu kiểm (một dòng bản ghi đúng như trong nhật ký): { $error }

## loa hub: máy chủ tỉnh (trang web của nó là nội dung tiếng Việt)

hub-listening = loa hub: đang nhận kết nối tại { $url } ({ $stations } đài đã đăng ký)
hub-user-added = đã lưu tài khoản { $name } vào { $path }
hub-toml-syntax = lỗi cú pháp TOML: { $detail }
hub-unknown-key = khóa `{ $key }` không có trong { $table }
hub-unknown-key-suggest = khóa `{ $key }` không có trong { $table }; có phải ý bạn là `{ $suggestion }`?
hub-wrong-type = `{ $key }` phải là { $expected }
hub-expected-table = một bảng
hub-expected-text = chữ trong ngoặc kép
hub-expected-bool = true (có) hoặc false (không)
hub-missing-table = thiếu bảng { $key }
hub-missing-key = { $table } thiếu `{ $key }`
hub-bad-listen = listen = { $value } không phải địa chỉ và cổng (ví dụ "0.0.0.0:8443")
hub-bad-duration = offline_after = { $value } không phải khoảng thời gian (ví dụ "15m", "1h")
hub-bad-timezone = timezone = { $value } không phải múi giờ (ví dụ "Asia/Ho_Chi_Minh")
hub-tls-and-proxy = [tls] có cả cert/key lẫn proxy = true; hãy chọn một trong hai
hub-no-tls = [tls] cần cert và key (tệp PEM), hoặc proxy = true khi một reverse proxy trên máy này lo TLS
hub-proxy-not-loopback = proxy = true nhưng listen = { $value } mở ra mạng ngoài; khi dùng proxy, listen phải là 127.0.0.1 hoặc ::1
hub-config-unreadable = không đọc được { $path }: { $detail }
hub-config-invalid = cấu hình hub có { $count } lỗi:
hub-registry-unreadable = không đọc được thư mục đăng ký đài { $path }: { $detail }
hub-registry-malformed = { $path }: không phải tệp khóa công khai (một dòng `loa-ed25519 <khóa> <mã đài>` do `loa key show --out` ghi)
hub-registry-bad-station = { $path }: không dùng mã đài { $station } làm thư mục được (có phần rỗng, `..`, hoặc phần bắt đầu bằng `.` hay `_`)
hub-registry-nested = mã đài { $inner } nằm trong thư mục của đài { $outer }; `loa verify` sẽ không thấy cả hai
hub-tls-certificate = { $path }: không đọc được chứng chỉ TLS (PEM): { $detail }
hub-tls-key = { $path }: không đọc được khóa riêng TLS (PEM): { $detail }
hub-tls-refused = chứng chỉ và khóa TLS không dùng được: { $detail }
hub-store = kho dữ liệu { $path }: { $detail }
hub-listen-failed = không mở được cổng { $address }: { $detail }
hub-user-bad-name = tên tài khoản { $name } không hợp lệ: dùng 1–64 ký tự `a-z`, `0-9`, `.`, `_`, `-`
hub-user-weak-password = mật khẩu quá ngắn: cần ít nhất { $min } ký tự (đọc từ đầu vào chuẩn, một dòng)
hub-user-hash = không tạo được mã băm mật khẩu: { $detail }

# loa hub: các dòng nhật ký hệ thống (các trường có cấu trúc giữ mã máy)
hub-journal-store-unverified = nhật ký đã lưu của đài không kiểm tra được là toàn vẹn
hub-journal-heartbeat-unreadable = không đọc được tín hiệu trạng thái gần nhất của đài
hub-journal-request-failed = yêu cầu bị lỗi ở phía máy chủ tỉnh
hub-journal-login-failed = đăng nhập không thành công
hub-journal-logged-in = cán bộ đã đăng nhập
hub-journal-accept-failed = không nhận được kết nối
hub-journal-store-write = không ghi được vào kho dữ liệu
hub-journal-fork-refused = từ chối bản ghi xung đột (nhánh rẽ của nhật ký), giữ lại làm bằng chứng
hub-journal-stopped = máy chủ tỉnh đã dừng
