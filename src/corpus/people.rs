//! The participants of a corpus once it is read: each with its attributes, its
//! participant segments and its transcripts, held in memory and sorted by id.

use crate::names::Names;

/// One participant of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Participant {
    pub id: String,
    /// Attribute values by name.
    pub attributes: Names<String>,
    /// Participant segments, in all its transcripts.
    pub segments: usize,
    /// The transcripts it speaks in, sorted, each once.
    pub transcripts: Vec<String>,
}

impl Participant {
    /// The value of an attribute, if the participant has it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    /// Attribute names and values, sorted by name.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// The participants of a corpus, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Sorted by id, each id once.
    people: Vec<Participant>,
    /// Participant segments in all.
    segments: usize,
    /// Attribute names any participant has, sorted.
    names: Vec<String>,
}

impl People {
    /// Participants in any order; of two with one id, the first is kept.
    pub fn new(mut people: Vec<Participant>) -> People {
        // Stable: the first of two with one id stays first.
        people.sort_by(|a, b| a.id.cmp(&b.id));
        people.dedup_by(|later, first| later.id == first.id);
        let segments = people.iter().map(|p| p.segments).sum();
        let mut names: Vec<String> = people
            .iter()
            .flat_map(|p| p.attributes.keys().cloned())
            .collect();
        names.sort_unstable();
        names.dedup();
        People {
            people,
            segments,
            names,
        }
    }

    /// The participant with this id, if there is one.
    pub fn get(&self, id: &str) -> Option<&Participant> {
        self.people
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.people[i])
    }

    /// Every participant, by id.
    pub fn iter(&self) -> std::slice::Iter<'_, Participant> {
        self.people.iter()
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Participant segments in all.
    pub fn segments(&self) -> usize {
        self.segments
    }

    /// Attribute names any participant has, sorted.
    pub fn attribute_names(&self) -> &[String] {
        &self.names
    }
}

impl<'a> IntoIterator for &'a People {
    type Item = &'a Participant;
    type IntoIter = std::slice::Iter<'a, Participant>;
    fn into_iter(self) -> Self::IntoIter {
        self.people.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, attrs: &[(&str, &str)], segments: usize) -> Participant {
        Participant {
            id: id.into(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            segments,
            transcripts: vec![id.into()],
        }
    }

    #[test]
    fn sorted_by_id_first_of_two_kept() {
        let people = People::new(vec![
            person("P2", &[("area", "Rural"), ("group", "Client")], 3),
            person("P1", &[("area", "Urban")], 5),
            person("P10", &[], 0),
            person("P2", &[("area", "Urban")], 7),
        ]);
        let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["P1", "P10", "P2"]);
        assert_eq!((people.len(), people.segments()), (3, 8));
        assert_eq!(people.attribute_names(), ["area", "group"]);
        let p2 = people.get("P2").unwrap();
        assert_eq!(
            (p2.get("area"), p2.get("group")),
            (Some("Rural"), Some("Client"))
        );
        assert_eq!(
            p2.attributes().collect::<Vec<_>>(),
            [("area", "Rural"), ("group", "Client")]
        );
        assert!(people.get("P").is_none() && people.get("P3").is_none());
        let none = People::default();
        assert!(none.is_empty() && none.get("P1").is_none());
        assert!(none.attribute_names().is_empty());
    }
}
