//! The printable report, laid out as an administrative report under
//! Nghị định 30/2020/NĐ-CP: the issuing body and number top left, the
//! national name and motto top right, place and date, the title "BÁO CÁO
//! Kết quả công tác tuyên truyền cải cách hành chính …", section I with
//! the tables and a bar chart of minutes per topic (inline SVG), then the
//! sections the station writes by hand (assessment, tasks, proposals),
//! recipients and signature. A4, Times New Roman 13–14 pt, margins
//! 20/15/20/30 mm; prints from any browser.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::report::build::Report;
use crate::report::labels;
use crate::report::table::{Cell, Row, RowStyle, Table};
use crate::report::views;

/// What the top of the report names (the report profile's texts, the
/// options overriding them); blanks become dotted lines to fill in.
/// Nothing here is assumed: since the 2025 reorganisation (two levels of
/// local government, no district; the Department of Information and
/// Communications merged away, grassroots information under culture) the
/// bodies differ from province to province, so they come from the
/// officer, never from a built-in default.
pub use crate::config::ReportProfile as Letterhead;

const DOTS: &str = "……………";

const STYLE: &str = r#"
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; max-width: 165mm; margin: 0 auto; }
.head { width: 100%; border-collapse: collapse; }
.head td { vertical-align: top; text-align: center; border: none; padding: 0; }
.head .left { width: 42%; }
.upper { text-transform: uppercase; }
.bold { font-weight: bold; }
.rule { width: 35%; margin: 2pt auto 6pt; border-top: 1px solid #000; }
.rule.wide { width: 60%; }
.date { font-style: italic; margin-top: 6pt; }
.number { margin-top: 6pt; }
h1 { font-size: 14pt; text-align: center; margin: 18pt 0 0; }
.subtitle { text-align: center; font-weight: bold; font-size: 14pt; margin: 0 0 12pt; }
.recipient { text-align: center; margin-bottom: 12pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; text-transform: uppercase; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; }
p { text-align: justify; margin: 4pt 0; text-indent: 10mm; }
table.data { width: 100%; border-collapse: collapse; font-size: 11pt; margin: 4pt 0 8pt; page-break-inside: auto; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; }
table.data th { text-align: center; font-weight: bold; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data tr { page-break-inside: avoid; }
table.data thead { display: table-header-group; }
tr.total td { font-weight: bold; }
tr.warning td { color: #a00000; }
.fill { border-bottom: 1px dotted #000; height: 1.35em; margin: 0 0 2pt; }
.sign { width: 100%; border-collapse: collapse; margin-top: 16pt; page-break-inside: avoid; }
.sign td { vertical-align: top; border: none; padding: 0; }
.sign .to { width: 50%; font-size: 11pt; }
.sign .by { text-align: center; }
figure { margin: 6pt 0; page-break-inside: avoid; }
figcaption { text-align: center; font-style: italic; font-size: 11pt; }
"#;

/// Writes the printable report.
pub fn write_html(report: &Report, letterhead: &Letterhead, out: &mut dyn Write) -> io::Result<()> {
    let mut page = String::with_capacity(64 * 1024);
    page.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        page,
        "<title>Báo cáo kết quả tuyên truyền cải cách hành chính {}</title>",
        escape(&labels::period_title(&report.period))
    );
    let _ = writeln!(page, "<style>{STYLE}</style>\n</head>\n<body>");
    heading(&mut page, report, letterhead);
    section_one(&mut page, report);
    handwritten_sections(&mut page);
    signature(&mut page, letterhead);
    page.push_str("</body>\n</html>\n");
    out.write_all(page.as_bytes())?;
    out.flush()
}

fn or_dots(value: &Option<String>) -> String {
    value.as_deref().map_or_else(|| DOTS.to_string(), escape)
}

fn heading(page: &mut String, report: &Report, head: &Letterhead) {
    let date = report.date;
    let number = head
        .number
        .as_deref()
        .map_or_else(|| format!("{DOTS}/BC-{DOTS}"), escape);
    let _ = write!(
        page,
        r#"<table class="head"><tr>
<td class="left"><div class="upper">{parent}</div><div class="upper bold">{issuer}</div><div class="rule"></div><div class="number">Số: {number}</div></td>
<td><div class="upper bold">Cộng hòa xã hội chủ nghĩa Việt Nam</div><div class="bold">Độc lập - Tự do - Hạnh phúc</div><div class="rule wide"></div><div class="date">{place}, ngày {day} tháng {month} năm {year}</div></td>
</tr></table>
<h1>BÁO CÁO</h1>
<div class="subtitle">Kết quả công tác tuyên truyền cải cách hành chính<br>{period}</div>
"#,
        parent = or_dots(&head.parent),
        issuer = or_dots(&head.issuer),
        place = or_dots(&head.place),
        day = date.format("%d"),
        month = date.format("%m"),
        year = date.format("%Y"),
        period = escape(&labels::period_title(&report.period)),
    );
    if report.is_provisional() {
        let until = report.counted_until().map_or_else(
            || "chưa có bản ghi".to_string(),
            |at| {
                let zone = report
                    .stations
                    .first()
                    .map_or(chrono_tz::Asia::Ho_Chi_Minh, |s| s.zone);
                at.with_timezone(&zone)
                    .format("%H:%M ngày %d/%m/%Y")
                    .to_string()
            },
        );
        let _ = writeln!(
            page,
            "<div class=\"subtitle\">(Số liệu tạm tính: kỳ báo cáo chưa kết thúc; \
             tính đến {})</div>",
            escape(&until)
        );
    }
    addressed_to(page, &head.recipients);
}

/// "Kính gửi": one recipient on the line, several listed beneath it.
fn addressed_to(page: &mut String, recipients: &[String]) {
    match recipients {
        [] => {}
        [one] => {
            let _ = writeln!(
                page,
                "<div class=\"recipient\">Kính gửi: {}.</div>",
                escape(one)
            );
        }
        many => {
            page.push_str("<div class=\"recipient\">Kính gửi:");
            for (index, recipient) in many.iter().enumerate() {
                let end = if index + 1 == many.len() { "." } else { ";" };
                let _ = write!(page, "<br>- {}{end}", escape(recipient));
            }
            page.push_str("</div>\n");
        }
    }
}

fn section_one(page: &mut String, report: &Report) {
    let totals = &report.totals;
    page.push_str("<h2>I. Kết quả thực hiện</h2>\n<h3>1. Tổng hợp chung</h3>\n");
    let cchc = &totals.cchc;
    let _ = writeln!(
        page,
        "<p>Trong kỳ báo cáo (từ ngày {} đến ngày {}), {} đài có nhật ký phát sóng hợp lệ \
         trên tổng số {} đài đã thực hiện {} buổi phát, phát {} lượt tin, bài ({} tin, bài \
         khác nhau) về cải cách hành chính với tổng thời lượng {} phút.</p>",
        report.period.from.format("%d/%m/%Y"),
        report.period.to.format("%d/%m/%Y"),
        report.counted_stations(),
        report.stations.len(),
        Cell::Int(cchc.counts.airings).display(),
        Cell::Int(cchc.counts.segments).display(),
        Cell::Int(cchc.distinct.len() as u64).display(),
        Cell::Minutes(cchc.counts.minutes()).display(),
    );
    let other = &totals.other_topics;
    if other.counts.segments > 0 {
        let _ = writeln!(
            page,
            "<p>Ngoài ra, các đài phát {} lượt tin, bài thuộc chủ đề khác của đài (không tính \
             vào kết quả tuyên truyền cải cách hành chính) với thời lượng {} phút; tổng thời \
             lượng phát là {} phút.</p>",
            Cell::Int(other.counts.segments).display(),
            Cell::Minutes(other.counts.minutes()).display(),
            Cell::Minutes(totals.total.counts.minutes()).display(),
        );
    }
    let o = &totals.outcomes;
    let not_aired = o.missed + o.failed + o.interrupted + o.unfinished + o.dead_air;
    let _ = writeln!(
        page,
        "<p>Số buổi không phát hoặc phát không trọn vẹn: {} (trong đó {} buổi có khoảng lặng \
         kéo dài trên loa); số buổi phát thủ công (tính riêng): {}. Số liệu được tổng hợp tự động từ nhật ký phát sóng có chữ ký số của từng đài, đã được \
         kiểm tra tính toàn vẹn.</p>",
        Cell::Int(not_aired).display(),
        Cell::Int(o.dead_air).display(),
        Cell::Int(totals.manual.counts.airings).display(),
    );
    let topics = views::topics(report);
    page.push_str("<h3>2. Kết quả phát theo chủ đề</h3>\n");
    table(page, &topics);
    chart(page, report);
    let numbered = [
        (views::stations(report), "3. Kết quả phát theo đơn vị"),
        (views::months(report), "4. Kết quả phát theo tháng"),
        (views::languages(report), "5. Kết quả phát theo ngôn ngữ"),
        (
            views::not_aired(report),
            "6. Buổi phát không thực hiện được",
        ),
        (views::verification(report), "7. Kiểm tra nhật ký phát sóng"),
    ];
    for (view, title) in numbered {
        let _ = writeln!(page, "<h3>{title}</h3>");
        table(page, &view);
    }
    let gaps = views::gaps(report);
    if !gaps.rows.is_empty() {
        page.push_str("<h3>8. Những ngày nhật ký không có bản ghi</h3>\n");
        table(page, &gaps);
    }
}

fn table(page: &mut String, table: &Table) {
    page.push_str("<table class=\"data\">\n<thead><tr>");
    for column in &table.columns {
        let _ = write!(page, "<th>{}</th>", escape(column.header));
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        table_row(page, row);
    }
    page.push_str("</tbody></table>\n");
}

fn table_row(page: &mut String, row: &Row) {
    let class = match row.style {
        RowStyle::Plain => "",
        RowStyle::Total => " class=\"total\"",
        RowStyle::Warning => " class=\"warning\"",
    };
    let _ = write!(page, "<tr{class}>");
    for (index, cell) in row.cells.iter().enumerate() {
        let numeric = matches!(cell, Cell::Int(_) | Cell::Minutes(_));
        let class = if numeric { " class=\"num\"" } else { "" };
        let indent = if index == 0 && row.indent > 0 {
            format!(
                " style=\"padding-left:{}mm\"",
                2 + 4 * u32::from(row.indent)
            )
        } else {
            String::new()
        };
        let _ = write!(page, "<td{class}{indent}>{}</td>", escape(&cell.display()));
    }
    page.push_str("</tr>\n");
}

/// A horizontal bar chart of minutes per topic, as inline SVG.
fn chart(page: &mut String, report: &Report) {
    let rows: Vec<(String, f64)> = report
        .totals
        .topics
        .iter()
        .map(|(code, group)| {
            let name = report
                .catalogue
                .name(*code)
                .map_or_else(|| format!("Chủ đề {code}"), |t| t.short.clone());
            (format!("{code}. {name}"), group.counts.minutes())
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    let max = rows.iter().map(|(_, m)| *m).fold(0.0, f64::max).max(0.1);
    let (label_width, bar_width, row_height) = (230.0, 300.0, 20.0);
    let height = row_height * rows.len() as f64 + 10.0;
    let width = label_width + bar_width + 70.0;
    let _ = writeln!(
        page,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 {width} {height}\" \
         font-family=\"Times New Roman, serif\" font-size=\"11\" role=\"img\" \
         aria-label=\"Thời lượng phát theo chủ đề (phút)\">"
    );
    for (index, (label, minutes)) in rows.iter().enumerate() {
        let y = 5.0 + row_height * index as f64;
        let bar = (bar_width * minutes / max).max(0.5);
        let _ = writeln!(
            page,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{label_width}\" y=\"{ry}\" width=\"{bar:.1}\" height=\"{bh}\" fill=\"#4a6fa5\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\">{value}</text>",
            lx = label_width - 6.0,
            ty = y + 13.0,
            ry = y + 2.0,
            bh = row_height - 6.0,
            vx = label_width + bar + 4.0,
            label = escape(label),
            value = Cell::Minutes(*minutes).display(),
        );
    }
    page.push_str(
        "</svg><figcaption>Biểu đồ: thời lượng phát theo chủ đề (phút)</figcaption></figure>\n",
    );
}

fn fill_lines(page: &mut String, count: usize) {
    for _ in 0..count {
        page.push_str("<div class=\"fill\"></div>\n");
    }
}

fn handwritten_sections(page: &mut String) {
    page.push_str("<h2>II. Đánh giá chung</h2>\n<h3>1. Ưu điểm</h3>\n");
    fill_lines(page, 4);
    page.push_str("<h3>2. Tồn tại, hạn chế và nguyên nhân</h3>\n");
    fill_lines(page, 4);
    page.push_str("<h2>III. Phương hướng, nhiệm vụ thời gian tới</h2>\n");
    fill_lines(page, 4);
    page.push_str("<h2>IV. Đề xuất, kiến nghị</h2>\n");
    fill_lines(page, 3);
}

/// "Nơi nhận" (Nghị định 30/2020/NĐ-CP): each recipient on its own line,
/// then the file copy ("Lưu: VT").
fn signature(page: &mut String, head: &Letterhead) {
    let recipients: String = if head.recipients.is_empty() {
        format!("<br>- {DOTS};")
    } else {
        head.recipients
            .iter()
            .map(|r| format!("<br>- {};", escape(r)))
            .collect()
    };
    let signer = head
        .signer
        .as_deref()
        .map_or_else(|| "THỦ TRƯỞNG ĐƠN VỊ".to_string(), escape);
    let _ = write!(
        page,
        r#"<table class="sign"><tr>
<td class="to"><b><i>Nơi nhận:</i></b>{recipients}<br>- Lưu: VT.</td>
<td class="by"><div class="upper bold">{signer}</div><div><i>(Ký, ghi rõ họ tên và đóng dấu)</i></div></td>
</tr></table>
"#
    );
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
