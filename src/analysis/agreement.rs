//! Agreement between coders: percent agreement, Cohen's kappa, Krippendorff's alpha
//! (nominal) and precision, recall and F1 against a reference. Plain data in, figures
//! out; no I/O.
//!
//! The data are units (segments, or theme x segment decisions) by coders (passes), each
//! value a category or missing. A [`Tally`] keeps each distinct row of values with how
//! many units have it, so a corpus of any size is a handful of rows for binary data.
//!
//! Undefined figures are `None` (an empty cell), never a number made up:
//! - percent agreement: no unit with two or more values;
//! - kappa: not exactly two coders, no unit both coded, or expected agreement 1 (both
//!   coders gave one and the same value to every unit: `(po - pe) / (1 - pe)` is 0/0);
//! - alpha: fewer than two pairable values, or expected disagreement 0 (a single value
//!   was ever given: Krippendorff 2011 leaves alpha undefined then, since there is no
//!   variation to be reliable about);
//! - precision with no unit the coder coded 1, recall with no unit the reference coded
//!   1, F1 with neither (`2tp / (2tp + fp + fn)` is 0/0).
//!
//! The formulas and the published examples they are tested on are in docs/agreement.md.

use std::collections::{BTreeMap, BTreeSet};

/// A coder's value for a unit: a category (0 and 1 for a theme absent or present), or
/// `None` when the coder gave none.
pub type Value = Option<u32>;

/// Units by coders, as the distinct rows of values and how many units have each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    coders: usize,
    rows: BTreeMap<Vec<Value>, u64>,
}

/// True and false positives and false negatives of one coder against a reference, over
/// the units both gave a value to (1 is "coded").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Confusion {
    /// `tp / (tp + fp)`; `None` when the coder coded nothing.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `tp / (tp + fn)`; `None` when the reference coded nothing.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// `2tp / (2tp + fp + fn)`, the harmonic mean of precision and recall where both are
    /// defined; 0 when one of them is undefined and the other 0; `None` when neither
    /// coded anything.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Tally {
    pub fn new(coders: usize) -> Tally {
        Tally {
            coders,
            rows: BTreeMap::new(),
        }
    }

    /// From units given as rows of values, one per coder.
    pub fn of(coders: usize, units: &[Vec<Value>]) -> Tally {
        let mut t = Tally::new(coders);
        for u in units {
            t.add(u, 1);
        }
        t
    }

    pub fn coders(&self) -> usize {
        self.coders
    }

    /// `n` units with these values (one per coder).
    pub fn add(&mut self, values: &[Value], n: u64) {
        debug_assert_eq!(values.len(), self.coders);
        if n > 0 {
            *self.rows.entry(values.to_vec()).or_default() += n;
        }
    }

    /// Another tally's units (of as many coders) added to this one.
    pub fn merge(&mut self, other: &Tally) {
        for (v, n) in &other.rows {
            self.add(v, *n);
        }
    }

    /// Units in all.
    pub fn units(&self) -> u64 {
        self.rows.values().sum()
    }

    /// Units with values from two coders or more: those compared.
    pub fn compared(&self) -> u64 {
        self.rows
            .iter()
            .filter(|(v, _)| v.iter().filter(|x| x.is_some()).count() >= 2)
            .map(|(_, n)| n)
            .sum()
    }

    /// Units coder `c` gave `value`.
    pub fn count(&self, c: usize, value: u32) -> u64 {
        self.rows
            .iter()
            .filter(|(v, _)| v[c] == Some(value))
            .map(|(_, n)| n)
            .sum()
    }

    /// Whether coder `c` gave any unit a value.
    pub fn has_values(&self, c: usize) -> bool {
        self.rows.keys().any(|v| v[c].is_some())
    }

    /// Whether some unit has a value from both coders `a` and `b`.
    pub fn paired(&self, a: usize, b: usize) -> bool {
        self.rows.keys().any(|v| v[a].is_some() && v[b].is_some())
    }

    /// The share of the units with two or more values on which all those values are the
    /// same, as a proportion (0 to 1).
    pub fn percent_agreement(&self) -> Option<f64> {
        let (mut pairable, mut agreed) = (0, 0);
        for (v, n) in &self.rows {
            let present: BTreeSet<u32> = v.iter().flatten().copied().collect();
            if v.iter().flatten().count() >= 2 {
                pairable += n;
                if present.len() == 1 {
                    agreed += n;
                }
            }
        }
        ratio(agreed, pairable)
    }

    /// Cohen's kappa for coders `a` and `b`, over the units both gave a value to:
    /// `(po - pe) / (1 - pe)`, `po` the observed agreement, `pe` the agreement expected
    /// from each coder's own distribution of values (Cohen 1960).
    pub fn kappa(&self, a: usize, b: usize) -> Option<f64> {
        let mut both: BTreeMap<(u32, u32), u64> = BTreeMap::new();
        for (v, n) in &self.rows {
            if let (Some(x), Some(y)) = (v[a], v[b]) {
                *both.entry((x, y)).or_default() += n;
            }
        }
        let total: u64 = both.values().sum();
        if total == 0 {
            return None;
        }
        let total = total as f64;
        let mut by_a: BTreeMap<u32, f64> = BTreeMap::new();
        let mut by_b: BTreeMap<u32, f64> = BTreeMap::new();
        let mut agreed = 0.0;
        for (&(x, y), &n) in &both {
            *by_a.entry(x).or_default() += n as f64;
            *by_b.entry(y).or_default() += n as f64;
            if x == y {
                agreed += n as f64;
            }
        }
        let po = agreed / total;
        let pe: f64 = by_a
            .iter()
            .map(|(k, na)| na / total * by_b.get(k).copied().unwrap_or(0.0) / total)
            .sum();
        if (1.0 - pe).abs() < 1e-12 {
            return None;
        }
        Some((po - pe) / (1.0 - pe))
    }

    /// Krippendorff's alpha for nominal data, any number of coders, missing values
    /// allowed (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section
    /// C): from the coincidence matrix `o_ck = sum over units u of (pairs c-k in u) /
    /// (m_u - 1)`, over units with `m_u >= 2` values, `alpha = 1 - (n - 1) * sum_{c != k}
    /// o_ck / sum_{c != k} n_c * n_k`, `n_c` the row sums, `n` their total.
    pub fn alpha(&self) -> Option<f64> {
        let mut o: BTreeMap<(u32, u32), f64> = BTreeMap::new();
        for (v, &times) in &self.rows {
            let values: Vec<u32> = v.iter().flatten().copied().collect();
            let m = values.len();
            if m < 2 {
                continue;
            }
            let w = times as f64 / (m - 1) as f64;
            for (i, &c) in values.iter().enumerate() {
                for (j, &k) in values.iter().enumerate() {
                    if i != j {
                        *o.entry((c, k)).or_default() += w;
                    }
                }
            }
        }
        let mut nc: BTreeMap<u32, f64> = BTreeMap::new();
        for (&(c, _), &x) in &o {
            *nc.entry(c).or_default() += x;
        }
        let n: f64 = nc.values().sum();
        if n < 2.0 {
            return None;
        }
        let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, x)| x).sum();
        let expected: f64 = nc
            .iter()
            .flat_map(|(c, a)| {
                nc.iter()
                    .filter(move |(k, _)| *k != c)
                    .map(move |(_, b)| a * b)
            })
            .sum();
        if expected <= 0.0 {
            return None;
        }
        Some(1.0 - (n - 1.0) * observed / expected)
    }

    /// Coder `c` against the reference coder `r`, over the units both gave a value to:
    /// 1 is coded.
    pub fn confusion(&self, c: usize, r: usize) -> Confusion {
        let mut out = Confusion::default();
        for (v, &n) in &self.rows {
            match (v[c], v[r]) {
                (Some(1), Some(1)) => out.tp += n,
                (Some(1), Some(_)) => out.fp += n,
                (Some(_), Some(1)) => out.fn_ += n,
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round3(x: Option<f64>) -> Option<f64> {
        x.map(|v| (v * 1000.0).round() / 1000.0)
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C
    /// ("Nominal data, any number of observers, missing data"): 4 observers, 12 units,
    /// values 1 to 5, `.` missing; published alpha = 0.743.
    #[test]
    fn krippendorff_nominal_example() {
        let rows = [
            "1 2 3 3 2 1 4 1 2 . . .",
            "1 2 3 3 2 2 4 1 2 5 . 3",
            ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 .",
        ];
        let coders: Vec<Vec<Value>> = rows
            .iter()
            .map(|r| r.split(' ').map(|v| v.parse().ok()).collect())
            .collect();
        let units: Vec<Vec<Value>> = (0..12)
            .map(|u| coders.iter().map(|c| c[u]).collect())
            .collect();
        let t = Tally::of(4, &units);
        assert_eq!(round3(t.alpha()), Some(0.743));
        // Unit 12 has one value only: it is not pairable (n = 40 values in all).
        assert_eq!(t.units(), 12);
    }

    /// Krippendorff (2011), section A ("Binary data, two observers, no missing data"):
    /// A = 0 1 0 0 0 0 0 0 1 0, B = 1 1 1 0 0 1 0 0 0 0; published alpha = 0.095.
    /// By hand: o00 = 10, o11 = 2, o01 = o10 = 4, n0 = 14, n1 = 6, n = 20;
    /// alpha = 1 - 19 * 8 / (2 * 14 * 6) = 1 - 152/168 = 0.0952.
    #[test]
    fn krippendorff_binary_two_coders() {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let units: Vec<Vec<Value>> = a
            .iter()
            .zip(b)
            .map(|(&x, y)| vec![Some(x), Some(y)])
            .collect();
        let t = Tally::of(2, &units);
        assert_eq!(round3(t.alpha()), Some(0.095));
        assert!((t.alpha().unwrap() - (1.0 - 152.0 / 168.0)).abs() < 1e-12);
        assert_eq!(round3(t.percent_agreement()), Some(0.6));
    }

    /// Cohen's kappa, the worked example of Wikipedia's "Cohen's kappa" article: 50
    /// grant proposals read by two readers, yes/yes 20, A yes and B no 5, A no and B yes
    /// 10, no/no 15. po = 0.7, pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4.
    #[test]
    fn cohen_kappa_example() {
        let mut t = Tally::new(2);
        t.add(&[Some(1), Some(1)], 20);
        t.add(&[Some(1), Some(0)], 5);
        t.add(&[Some(0), Some(1)], 10);
        t.add(&[Some(0), Some(0)], 15);
        assert_eq!(round3(t.kappa(0, 1)), Some(0.4));
        assert_eq!(round3(t.percent_agreement()), Some(0.7));
        assert_eq!(t.units(), 50);
    }

    #[test]
    fn no_variation_is_undefined() {
        let mut t = Tally::new(2);
        t.add(&[Some(0), Some(0)], 9);
        assert_eq!(t.kappa(0, 1), None);
        assert_eq!(t.alpha(), None);
        assert_eq!(t.percent_agreement(), Some(1.0));
        let c = t.confusion(0, 1);
        assert_eq!((c.precision(), c.recall(), c.f1()), (None, None, None));
        let mut t = Tally::new(2);
        t.add(&[Some(1), Some(1)], 3);
        assert_eq!((t.kappa(0, 1), t.alpha()), (None, None));
    }

    #[test]
    fn missing_values_are_left_out() {
        // Coder 1 lacks the theme: nothing to compare.
        let mut t = Tally::new(2);
        t.add(&[Some(1), None], 1);
        t.add(&[Some(0), None], 8);
        assert_eq!(t.percent_agreement(), None);
        assert_eq!(t.kappa(0, 1), None);
        assert_eq!(t.alpha(), None);
        assert_eq!(t.confusion(0, 1), Confusion::default());
    }

    /// One coder constant at 0, the other coding 1 of 9 units: kappa 0 (po = pe = 8/9),
    /// alpha 0 (o00 = 16, o01 = o10 = 1, n = 18: 1 - 17 * 2 / (2 * 17 * 1)).
    #[test]
    fn one_constant_coder() {
        let mut t = Tally::new(2);
        t.add(&[Some(0), Some(0)], 8);
        t.add(&[Some(0), Some(1)], 1);
        assert!(t.kappa(0, 1).unwrap().abs() < 1e-12);
        assert!(t.alpha().unwrap().abs() < 1e-12);
        let c = t.confusion(0, 1);
        assert_eq!((c.tp, c.fp, c.fn_), (0, 0, 1));
        assert_eq!(
            (c.precision(), c.recall(), c.f1()),
            (None, Some(0.0), Some(0.0))
        );
    }

    #[test]
    fn precision_recall_f1() {
        let mut t = Tally::new(2);
        t.add(&[Some(1), Some(1)], 3);
        t.add(&[Some(1), Some(0)], 1);
        t.add(&[Some(0), Some(0)], 5);
        let c = t.confusion(0, 1);
        assert_eq!((c.tp, c.fp, c.fn_), (3, 1, 0));
        assert_eq!(c.precision(), Some(0.75));
        assert_eq!(c.recall(), Some(1.0));
        assert!((c.f1().unwrap() - 6.0 / 7.0).abs() < 1e-12);
        // kappa 30/39, alpha 1 - 17 * 2 / (2 * 7 * 11) (see tests/agree.rs).
        assert!((t.kappa(0, 1).unwrap() - 30.0 / 39.0).abs() < 1e-12);
        assert!((t.alpha().unwrap() - (1.0 - 34.0 / 154.0)).abs() < 1e-12);
    }
}
