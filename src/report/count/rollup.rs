//! Rolling stations up along their ids: `soc-trang/my-xuyen/thanh-phu`
//! counts towards `soc-trang/my-xuyen` and `soc-trang`, so a district sees
//! each commune and its own total, and the province every district. Ids may
//! have any depth (since 2025 many chains are province → commune).

use std::collections::BTreeMap;

use crate::report::figures::Figures;

/// One level of the tree: a station, a grouping above stations, or both
/// (a district station with communes beneath it).
#[derive(Debug, Clone, Default)]
pub struct RollupNode {
    /// The id path (`soc-trang/my-xuyen`).
    pub path: String,
    /// 1 for a province (the first component), 2 below it, …
    pub depth: usize,
    /// Its name: the officer's (units file), a station's own, else the
    /// last component of the path.
    pub name: String,
    /// Whether a station has exactly this id.
    pub is_station: bool,
    /// Stations at or below it.
    pub stations: u64,
    /// Of those, the ones whose logs verified and were counted.
    pub counted: u64,
    /// The counted stations' figures, added up.
    pub figures: Figures,
}

/// The tree, parents before children, siblings by id.
pub fn roll_up<'a>(
    stations: impl IntoIterator<Item = (&'a str, Option<&'a Figures>)>,
) -> Vec<RollupNode> {
    let mut nodes: BTreeMap<Vec<String>, RollupNode> = BTreeMap::new();
    for (id, figures) in stations {
        let components: Vec<String> = id.split('/').map(str::to_string).collect();
        for depth in 1..=components.len() {
            let prefix = components[..depth].to_vec();
            let node = nodes.entry(prefix.clone()).or_insert_with(|| RollupNode {
                path: prefix.join("/"),
                depth,
                name: prefix.last().cloned().unwrap_or_default(),
                ..RollupNode::default()
            });
            node.is_station |= depth == components.len();
            node.stations += 1;
            if let Some(figures) = figures {
                node.counted += 1;
                node.figures.merge(figures);
            }
        }
    }
    nodes.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communes_roll_up_into_districts_and_the_province() {
        let mut one = Figures::default();
        one.total.counts.airings = 1;
        let nodes = roll_up([
            ("st/a/x", Some(&one)),
            ("st/b/y", Some(&one)),
            ("st/a/z", Some(&one)),
            ("st/a", None),
        ]);
        let paths: Vec<(&str, u64, u64, u64)> = nodes
            .iter()
            .map(|n| {
                (
                    n.path.as_str(),
                    n.stations,
                    n.counted,
                    n.figures.total.counts.airings,
                )
            })
            .collect();
        assert_eq!(
            paths,
            vec![
                ("st", 4, 3, 3),
                ("st/a", 3, 2, 2),
                ("st/a/x", 1, 1, 1),
                ("st/a/z", 1, 1, 1),
                ("st/b", 1, 1, 1),
                ("st/b/y", 1, 1, 1),
            ]
        );
        assert!(nodes[1].is_station && !nodes[0].is_station);
    }
}
