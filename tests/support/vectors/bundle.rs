//! Export bundles for the vectors (`docs/airlog.md` §8): a tar built
//! member by member, with fixed times and owners so its bytes never vary.

use super::chain::{Chain, hex};

/// A member's type in the tar.
pub enum Member {
    /// A regular file.
    File(Vec<u8>),
    /// A symbolic link to the given path.
    Link(&'static str),
}

/// The bytes of a tar holding `members`, in this order.
pub fn tar(members: Vec<(String, Member)>) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, member) in members {
        let mut header = tar::Header::new_ustar();
        header.set_mode(0o644);
        header.set_mtime(1_614_637_800);
        header.set_uid(0);
        header.set_gid(0);
        let written = match member {
            Member::File(bytes) => {
                header.set_entry_type(tar::EntryType::Regular);
                header.set_size(bytes.len() as u64);
                builder.append_data(&mut header, &name, bytes.as_slice())
            }
            Member::Link(target) => {
                header.set_entry_type(tar::EntryType::Symlink);
                header.set_size(0);
                builder.append_link(&mut header, &name, target)
            }
        };
        written.expect("a tar member");
    }
    builder.into_inner().expect("a tar")
}

/// What a bundle holds, from a chain: the records `from..` (the last of
/// which is its checkpoint), and a manifest that says so.
#[derive(Clone)]
pub struct Slice {
    /// The manifest's `station`.
    pub station: String,
    /// The manifest's `station_name` (version 2), if any.
    pub station_name: Option<String>,
    /// The manifest's `version`: 1, or 2 with a `station_name`.
    pub version: u32,
    /// The manifest's `first`: seq, hash, key.
    pub first: (u64, String, String),
    /// The manifest's `last`: seq, hash.
    pub last: (u64, String),
    /// The manifest's `files`.
    pub files: Vec<String>,
    /// The `checkpoint` member (`None`: left out).
    pub checkpoint: Option<Vec<u8>>,
    /// The month file's bytes, as `log/air-2021-03.jsonl`.
    pub log: Vec<u8>,
    /// The `station.pub` member.
    pub public_key: Vec<u8>,
    /// The manifest's period: label and first day. A slice that is not the
    /// whole log begins before its period (§8.3), so its period starts on
    /// the day after its first record's.
    pub period: (String, String),
}

impl Slice {
    /// The export `loa export` would make of `chain` from record `from`
    /// on; the chain's last record must be a checkpoint.
    pub fn of(chain: &Chain, from: usize) -> Self {
        let last = chain.lines.len() - 1;
        Self {
            station: chain.station.clone(),
            station_name: None,
            version: 1,
            first: (
                from as u64,
                hex(&chain.hashes[from]),
                chain.signers[from].public_b64(),
            ),
            last: (last as u64, hex(&chain.hashes[last])),
            files: vec!["log/air-2021-03.jsonl".to_string()],
            checkpoint: Some(chain.lines[last].clone()),
            log: chain.file_from(from),
            public_key: format!(
                "loa-ed25519 {} {}\n",
                chain.signers[last].public_b64(),
                chain.station
            )
            .into_bytes(),
            period: if from == 0 {
                ("2021-03".into(), "2021-03-01".into())
            } else {
                ("2021-03-03..2021-03-31".into(), "2021-03-03".into())
            },
        }
    }

    /// `manifest.json`'s bytes.
    pub fn manifest(&self) -> Vec<u8> {
        let files: Vec<String> = self
            .files
            .iter()
            .map(|f| serde_json::to_string(f).expect("a string"))
            .collect();
        let name = self.station_name.as_ref().map_or_else(String::new, |name| {
            format!(
                "\n  \"station_name\": {},",
                serde_json::to_string(name).expect("a string")
            )
        });
        format!(
            "{{\n  \"format\": \"loa-export\",\n  \"version\": {},\n  \"station\": {},{name}\n  \"timezone\": \"Asia/Ho_Chi_Minh\",\n  \"period\": {{\"label\": {}, \"from\": \"{}\", \"to\": \"2021-03-31\", \"cutoff\": \"calendar\"}},\n  \"created\": \"2021-04-01T01:00:00.000000Z\",\n  \"software\": \"loa 0.1.0\",\n  \"first\": {{\"seq\": {}, \"hash\": \"{}\", \"key\": \"{}\"}},\n  \"last\": {{\"seq\": {}, \"hash\": \"{}\"}},\n  \"checkpoint\": \"written\",\n  \"files\": [{}]\n}}\n",
            self.version,
            serde_json::to_string(&self.station).expect("a string"),
            serde_json::to_string(&self.period.0).expect("a string"),
            self.period.1,
            self.first.0,
            self.first.1,
            self.first.2,
            self.last.0,
            self.last.1,
            files.join(", ")
        )
        .into_bytes()
    }

    /// The bundle's bytes.
    pub fn tar(&self) -> Vec<u8> {
        let mut members = vec![
            ("manifest.json".to_string(), Member::File(self.manifest())),
            (
                "station.pub".to_string(),
                Member::File(self.public_key.clone()),
            ),
        ];
        if let Some(checkpoint) = &self.checkpoint {
            members.push(("checkpoint".to_string(), Member::File(checkpoint.clone())));
        }
        members.push((
            "log/air-2021-03.jsonl".to_string(),
            Member::File(self.log.clone()),
        ));
        tar(members)
    }
}
