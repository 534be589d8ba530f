//! Counting: gold, predicted and matched spans per label, and the figures made from them.
//!
//! A prediction is correct on an exact match of start, end and label. The boundary-tolerant
//! ("overlap") figure also pairs a prediction with a gold span of the same label that it
//! overlaps; each gold and each predicted span is paired at most once, exact matches first, so
//! `overlap_tp >= tp` and the gap between the two tells boundary errors from misses.
//!
//! Optional gold spans (DaN+ `-part`: a name inside a longer word) are never a miss, and a
//! prediction that overlaps one but no scored gold span is [`excused`]: dropped before counting,
//! so it is neither a true nor a false positive. A prediction that overlaps a scored span as well
//! is counted as usual.

use std::collections::{BTreeMap, HashMap};

use serde::ser::{Serialize, Serializer};

use crate::eval::gold::{Sentence, Span};
use crate::label::{Label, Method};

/// Counts for one label, or summed over all (micro-average).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Predicted spans that match a gold span exactly (start, end and label).
    pub tp: usize,
    /// Gold/predicted pairs with the same label that overlap, each span paired at most once.
    pub overlap_tp: usize,
}

/// `num / den`, or 0 when `den` is 0.
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// The harmonic mean of `p` and `r`, or 0 when both are 0.
fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Counts {
    /// `tp / predicted`; 0 with no predictions.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.predicted)
    }

    /// `tp / gold`; 0 with no gold spans.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold)
    }

    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }

    /// `overlap_tp / predicted`.
    pub fn overlap_precision(&self) -> f64 {
        ratio(self.overlap_tp, self.predicted)
    }

    /// `overlap_tp / gold`.
    pub fn overlap_recall(&self) -> f64 {
        ratio(self.overlap_tp, self.gold)
    }

    /// Harmonic mean of the overlap precision and recall.
    pub fn overlap_f1(&self) -> f64 {
        harmonic(self.overlap_precision(), self.overlap_recall())
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.tp += other.tp;
        self.overlap_tp += other.overlap_tp;
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Json {
            gold: usize,
            predicted: usize,
            tp: usize,
            precision: f64,
            recall: f64,
            f1: f64,
            overlap_tp: usize,
            overlap_precision: f64,
            overlap_recall: f64,
            overlap_f1: f64,
        }
        Json {
            gold: self.gold,
            predicted: self.predicted,
            tp: self.tp,
            precision: self.precision(),
            recall: self.recall(),
            f1: self.f1(),
            overlap_tp: self.overlap_tp,
            overlap_precision: self.overlap_precision(),
            overlap_recall: self.overlap_recall(),
            overlap_f1: self.overlap_f1(),
        }
        .serialize(s)
    }
}

/// How the gold and predicted spans of one sentence pair up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    /// For each gold span, the index of the predicted span that matches it exactly.
    pub gold_exact: Vec<Option<usize>>,
    /// For each predicted span, the index of the gold span it matches exactly.
    pub pred_exact: Vec<Option<usize>>,
    /// For each gold span, the predicted span of the same label it is paired with by overlap.
    pub gold_overlap: Vec<Option<usize>>,
    /// For each predicted span, the gold span of the same label it is paired with by overlap.
    pub pred_overlap: Vec<Option<usize>>,
}

/// Whether two spans share at least one code point.
pub fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Pairs the gold and predicted spans of one sentence: exact matches, then overlap pairs.
///
/// Overlap pairs are made per label, taking gold spans left to right and giving each the
/// leftmost unpaired prediction it overlaps. When neither side's spans overlap among
/// themselves (true of IOB gold and of navne's output), that pairs as many spans as possible.
pub fn align(gold: &[Span], pred: &[Span]) -> Alignment {
    let mut a = Alignment {
        gold_exact: vec![None; gold.len()],
        pred_exact: vec![None; pred.len()],
        gold_overlap: vec![None; gold.len()],
        pred_overlap: vec![None; pred.len()],
    };
    let mut by_span: HashMap<Span, Vec<usize>> = HashMap::new();
    for (i, p) in pred.iter().enumerate().rev() {
        by_span.entry(*p).or_default().push(i);
    }
    for (g, span) in gold.iter().enumerate() {
        if let Some(p) = by_span.get_mut(span).and_then(Vec::pop) {
            a.gold_exact[g] = Some(p);
            a.pred_exact[p] = Some(g);
            a.gold_overlap[g] = Some(p);
            a.pred_overlap[p] = Some(g);
        }
    }
    let order = |spans: &[Span]| {
        let mut idx: Vec<usize> = (0..spans.len()).collect();
        idx.sort_by_key(|&i| (spans[i].start, spans[i].end));
        idx
    };
    let pred_order = order(pred);
    for g in order(gold) {
        if a.gold_overlap[g].is_some() {
            continue;
        }
        let found = pred_order.iter().copied().find(|&p| {
            a.pred_overlap[p].is_none()
                && pred[p].label == gold[g].label
                && overlaps(&pred[p], &gold[g])
        });
        if let Some(p) = found {
            a.gold_overlap[g] = Some(p);
            a.pred_overlap[p] = Some(g);
        }
    }
    a
}

/// Whether an optional gold span of `sentence` excuses the prediction `pred`: `pred` overlaps an
/// optional span and no scored gold span, whatever its label (a prediction on a scored span is
/// right or wrong there, optional span or not).
pub fn excused(sentence: &Sentence, pred: &Span) -> bool {
    let touches_optional = sentence
        .optional
        .iter()
        .any(|o| o.start < pred.end && pred.start < o.end);
    touches_optional && !sentence.spans.iter().any(|g| overlaps(g, pred))
}

/// Per-label counts for one sentence's spans, given their alignment.
pub fn count(gold: &[Span], pred: &[Span], alignment: &Alignment) -> [Counts; 3] {
    let mut c = [Counts::default(); 3];
    for (g, span) in gold.iter().enumerate() {
        let l = span.label.index();
        c[l].gold += 1;
        c[l].tp += usize::from(alignment.gold_exact[g].is_some());
        c[l].overlap_tp += usize::from(alignment.gold_overlap[g].is_some());
    }
    for span in pred {
        c[span.label.index()].predicted += 1;
    }
    c
}

/// The scores of a whole evaluation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Counts per label, indexed by [`Label::index`].
    pub labels: [Counts; 3],
    /// Gold spans of labels navne does not predict, per label; not scored.
    pub ignored: BTreeMap<String, usize>,
    /// Optional gold spans and the predictions they excused.
    pub optional: Optional,
    /// Sentences scored.
    pub sentences: usize,
}

/// Optional gold spans (DaN+ `-part`) and the predictions they excused; see [`excused`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Optional {
    /// Optional gold spans: neither found nor missed, never in [`Counts::gold`].
    pub gold: usize,
    /// Predictions excused by an optional span: dropped, never in [`Counts::predicted`].
    pub predicted_excused: usize,
}

impl Report {
    /// An empty report.
    pub fn new() -> Report {
        Report::default()
    }

    /// The counts for `label`.
    pub fn label(&self, label: Label) -> &Counts {
        &self.labels[label.index()]
    }

    /// The counts summed over all labels: the micro-average.
    pub fn micro(&self) -> Counts {
        let mut m = Counts::default();
        for c in &self.labels {
            m.add(c);
        }
        m
    }

    /// Drops from `pred`, the spans predicted for `sentence`, those its optional spans excuse
    /// ([`excused`]), and counts them. `methods`, how each prediction was found, loses the same
    /// entries, so that an index into one is an index into the other. Call it before
    /// [`add_sentence`](Self::add_sentence).
    pub fn drop_excused(
        &mut self,
        sentence: &Sentence,
        pred: &mut Vec<Span>,
        methods: &mut Vec<Method>,
    ) {
        if sentence.optional.is_empty() {
            return;
        }
        let keep: Vec<bool> = pred.iter().map(|p| !excused(sentence, p)).collect();
        retain_by(pred, &keep);
        retain_by(methods, &keep);
        self.optional.predicted_excused += keep.iter().filter(|&&k| !k).count();
    }

    /// Scores `pred`, the spans predicted for `sentence` less those
    /// [`drop_excused`](Self::drop_excused) took, and adds them to the report; returns how the
    /// spans were paired.
    pub fn add_sentence(&mut self, sentence: &Sentence, pred: &[Span]) -> Alignment {
        let alignment = align(&sentence.spans, pred);
        for (total, c) in self
            .labels
            .iter_mut()
            .zip(count(&sentence.spans, pred, &alignment))
        {
            total.add(&c);
        }
        for o in &sentence.ignored {
            *self.ignored.entry(o.label.clone()).or_default() += 1;
        }
        self.optional.gold += sentence.optional.len();
        self.sentences += 1;
        alignment
    }
}

/// Keeps the items of `v` whose flag in `keep` is set (and any past the last flag).
fn retain_by<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    v.retain(|_| flags.next().copied().unwrap_or(true));
}

impl Serialize for Report {
    /// `{"PER": {…}, "LOC": {…}, "ORG": {…}, "micro": {…}, "ignored": {"MISC": n}, "sentences": n,
    /// "optional": {"gold": n, "predicted_excused": n}}`
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            #[serde(rename = "PER")]
            per: &'a Counts,
            #[serde(rename = "LOC")]
            loc: &'a Counts,
            #[serde(rename = "ORG")]
            org: &'a Counts,
            micro: Counts,
            ignored: &'a BTreeMap<String, usize>,
            sentences: usize,
            optional: Optional,
        }
        Json {
            per: self.label(Label::Per),
            loc: self.label(Label::Loc),
            org: self.label(Label::Org),
            micro: self.micro(),
            ignored: &self.ignored,
            sentences: self.sentences,
            optional: self.optional,
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::OtherSpan;

    fn sp(start: usize, end: usize, label: Label) -> Span {
        Span { start, end, label }
    }

    const PER: Label = Label::Per;
    const LOC: Label = Label::Loc;
    const ORG: Label = Label::Org;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn exact_and_overlap_counts_on_hand_made_spans() {
        let gold = [
            sp(0, 5, PER),
            sp(10, 17, LOC),
            sp(20, 30, ORG),
            sp(50, 55, LOC),
        ];
        let pred = [
            sp(0, 5, PER),   // exact
            sp(10, 15, LOC), // boundary error: overlaps gold LOC
            sp(25, 35, PER), // overlaps gold ORG, wrong label: no credit
            sp(40, 45, PER), // spurious
        ];
        let a = align(&gold, &pred);
        assert_eq!(a.gold_exact, [Some(0), None, None, None]);
        assert_eq!(a.pred_exact, [Some(0), None, None, None]);
        assert_eq!(a.gold_overlap, [Some(0), Some(1), None, None]);
        assert_eq!(a.pred_overlap, [Some(0), Some(1), None, None]);
        let c = count(&gold, &pred, &a);
        assert_eq!(
            c[PER.index()],
            Counts {
                gold: 1,
                predicted: 3,
                tp: 1,
                overlap_tp: 1
            }
        );
        assert_eq!(
            c[LOC.index()],
            Counts {
                gold: 2,
                predicted: 1,
                tp: 0,
                overlap_tp: 1
            }
        );
        assert_eq!(
            c[ORG.index()],
            Counts {
                gold: 1,
                predicted: 0,
                tp: 0,
                overlap_tp: 0
            }
        );

        let mut micro = Counts::default();
        c.iter().for_each(|x| micro.add(x));
        assert_eq!(
            micro,
            Counts {
                gold: 4,
                predicted: 4,
                tp: 1,
                overlap_tp: 2
            }
        );
        assert!(close(micro.precision(), 0.25));
        assert!(close(micro.recall(), 0.25));
        assert!(close(micro.f1(), 0.25));
        assert!(close(micro.overlap_precision(), 0.5));
        assert!(close(micro.overlap_recall(), 0.5));
        assert!(close(micro.overlap_f1(), 0.5));
        let per = c[PER.index()];
        assert!(close(per.precision(), 1.0 / 3.0));
        assert!(close(per.recall(), 1.0));
        assert!(close(per.f1(), 0.5));
    }

    #[test]
    fn each_span_counts_at_most_once_by_overlap() {
        // Two predictions inside one gold span: one pair.
        let gold = [sp(0, 10, LOC)];
        let pred = [sp(0, 3, LOC), sp(5, 10, LOC)];
        let c = count(&gold, &pred, &align(&gold, &pred))[LOC.index()];
        assert_eq!(
            c,
            Counts {
                gold: 1,
                predicted: 2,
                tp: 0,
                overlap_tp: 1
            }
        );
        assert!(close(c.overlap_precision(), 0.5));
        assert!(close(c.overlap_recall(), 1.0));
        assert!(close(c.overlap_f1(), 2.0 / 3.0));

        // One prediction across two gold spans: one pair.
        let gold = [sp(0, 3, ORG), sp(5, 8, ORG)];
        let pred = [sp(2, 6, ORG)];
        let c = count(&gold, &pred, &align(&gold, &pred))[ORG.index()];
        assert_eq!(
            c,
            Counts {
                gold: 2,
                predicted: 1,
                tp: 0,
                overlap_tp: 1
            }
        );
    }

    #[test]
    fn overlap_pairs_as_many_spans_as_possible() {
        // Gold 0-10 overlaps both predictions, gold 11-15 only the second: pairing the first
        // gold span with its leftmost prediction leaves the second for the second gold span.
        let gold = [sp(11, 15, PER), sp(0, 10, PER)];
        let pred = [sp(8, 12, PER), sp(0, 2, PER)];
        let a = align(&gold, &pred);
        assert_eq!(a.gold_overlap, [Some(0), Some(1)]);
        // Exact matches are paired first even if a boundary error overlaps the same gold span.
        let gold = [sp(0, 5, LOC), sp(6, 9, LOC)];
        let pred = [sp(3, 7, LOC), sp(6, 9, LOC)];
        let a = align(&gold, &pred);
        assert_eq!(a.gold_exact, [None, Some(1)]);
        assert_eq!(a.gold_overlap, [Some(0), Some(1)]);
        let c = count(&gold, &pred, &a)[LOC.index()];
        assert_eq!((c.tp, c.overlap_tp), (1, 2));
    }

    #[test]
    fn duplicate_predictions_match_once() {
        let gold = [sp(0, 5, PER)];
        let pred = [sp(0, 5, PER), sp(0, 5, PER)];
        let a = align(&gold, &pred);
        assert_eq!(a.pred_exact, [Some(0), None]);
        let c = count(&gold, &pred, &a)[PER.index()];
        assert_eq!(
            c,
            Counts {
                gold: 1,
                predicted: 2,
                tp: 1,
                overlap_tp: 1
            }
        );
    }

    #[test]
    fn undefined_figures_are_zero() {
        let none = Counts::default();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (0.0, 0.0, 0.0)
        );
        assert_eq!(none.overlap_f1(), 0.0);
        let misses = Counts {
            gold: 3,
            predicted: 2,
            tp: 0,
            overlap_tp: 0,
        };
        assert_eq!(
            (misses.precision(), misses.recall(), misses.f1()),
            (0.0, 0.0, 0.0)
        );
        let no_pred = Counts {
            gold: 3,
            predicted: 0,
            tp: 0,
            overlap_tp: 0,
        };
        assert_eq!(no_pred.precision(), 0.0);
    }

    #[test]
    fn report_sums_sentences_and_ignored_labels() {
        let s1 = Sentence {
            id: "a".into(),
            text: "x".repeat(40),
            line: 1,
            spans: vec![sp(0, 5, PER), sp(10, 17, LOC)],
            ignored: vec![OtherSpan {
                start: 20,
                end: 25,
                label: "MISC".into(),
            }],
            optional: vec![],
        };
        let s2 = Sentence {
            id: "b".into(),
            text: "x".repeat(40),
            line: 5,
            spans: vec![sp(0, 3, ORG)],
            ignored: vec![
                OtherSpan {
                    start: 5,
                    end: 8,
                    label: "MISC".into(),
                },
                OtherSpan {
                    start: 9,
                    end: 12,
                    label: "EVENT".into(),
                },
            ],
            optional: vec![],
        };
        let mut r = Report::new();
        r.add_sentence(&s1, &[sp(0, 5, PER), sp(10, 12, LOC), sp(30, 35, ORG)]);
        r.add_sentence(&s2, &[sp(0, 3, ORG)]);
        assert_eq!(r.sentences, 2);
        assert_eq!(
            *r.label(PER),
            Counts {
                gold: 1,
                predicted: 1,
                tp: 1,
                overlap_tp: 1
            }
        );
        assert_eq!(
            *r.label(LOC),
            Counts {
                gold: 1,
                predicted: 1,
                tp: 0,
                overlap_tp: 1
            }
        );
        assert_eq!(
            *r.label(ORG),
            Counts {
                gold: 1,
                predicted: 2,
                tp: 1,
                overlap_tp: 1
            }
        );
        assert_eq!(
            r.micro(),
            Counts {
                gold: 3,
                predicted: 4,
                tp: 2,
                overlap_tp: 3
            }
        );
        let ignored: Vec<(&str, usize)> = r.ignored.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(ignored, [("EVENT", 1), ("MISC", 2)]);
        assert_eq!(r.optional, Optional::default());
    }

    /// `Aarhus-området` (LOCpart 0-14) is optional; `DR` (ORG 22-24) and `Bo` (PER 28-30) are
    /// scored.
    fn with_optional() -> Sentence {
        Sentence {
            id: "d".into(),
            text: "Aarhus-området ifølge DR og Bo".into(),
            line: 1,
            spans: vec![sp(22, 24, ORG), sp(28, 30, PER)],
            ignored: vec![],
            optional: vec![OtherSpan {
                start: 0,
                end: 14,
                label: "LOCpart".into(),
            }],
        }
    }

    #[test]
    fn a_prediction_on_an_optional_span_alone_is_neither_fp_nor_tp() {
        let s = with_optional();
        let mut pred = vec![
            sp(0, 6, LOC),   // `Aarhus`: inside the optional span only, excused
            sp(0, 14, ORG),  // the whole optional span, another label: excused too
            sp(22, 24, ORG), // `DR`: exact, a true positive
            sp(15, 24, ORG), // `ifølge DR`: on a scored span too, so it counts (an FP)
            sp(28, 30, LOC), // `Bo` with the wrong label: an FP, no optional span near
        ];
        let mut methods = vec![
            Method::Gazetteer,
            Method::Pattern,
            Method::Alias,
            Method::Pattern,
            Method::Gazetteer,
        ];
        assert_eq!(
            pred.iter().map(|p| excused(&s, p)).collect::<Vec<_>>(),
            [true, true, false, false, false]
        );
        let mut r = Report::new();
        r.drop_excused(&s, &mut pred, &mut methods);
        assert_eq!(pred, [sp(22, 24, ORG), sp(15, 24, ORG), sp(28, 30, LOC)]);
        assert_eq!(methods, [Method::Alias, Method::Pattern, Method::Gazetteer]);
        let a = r.add_sentence(&s, &pred);
        assert_eq!(a.pred_exact, [Some(0), None, None]);
        assert_eq!(
            *r.label(ORG),
            Counts {
                gold: 1,
                predicted: 2,
                tp: 1,
                overlap_tp: 1
            }
        );
        assert_eq!(
            *r.label(LOC),
            Counts {
                gold: 0,
                predicted: 1,
                tp: 0,
                overlap_tp: 0
            }
        );
        assert_eq!(r.label(PER).gold, 1);
        assert_eq!(r.micro().predicted, 3);
        assert_eq!(
            r.optional,
            Optional {
                gold: 1,
                predicted_excused: 2
            }
        );
        assert!(r.ignored.is_empty());
    }

    #[test]
    fn without_optional_spans_nothing_is_excused() {
        let s = Sentence {
            optional: vec![],
            ..with_optional()
        };
        let mut pred = vec![sp(0, 6, LOC)];
        let mut methods = vec![Method::Gazetteer];
        let mut r = Report::new();
        r.drop_excused(&s, &mut pred, &mut methods);
        assert_eq!((pred.len(), methods.len()), (1, 1));
        r.add_sentence(&s, &pred);
        assert_eq!(r.label(LOC).predicted, 1);
        assert_eq!(r.optional, Optional::default());
    }

    #[test]
    fn json_shape() {
        let mut r = Report::new();
        r.labels[LOC.index()] = Counts {
            gold: 4,
            predicted: 2,
            tp: 1,
            overlap_tp: 2,
        };
        r.ignored.insert("MISC".into(), 3);
        r.sentences = 7;
        r.optional = Optional {
            gold: 5,
            predicted_excused: 2,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.starts_with(r#"{"PER":{"gold":0,"#), "{json}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 7);
        for k in [
            "PER",
            "LOC",
            "ORG",
            "micro",
            "ignored",
            "sentences",
            "optional",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
        let loc = &v["LOC"];
        assert_eq!(loc["gold"], 4);
        assert_eq!(loc["predicted"], 2);
        assert_eq!(loc["tp"], 1);
        assert_eq!(loc["precision"], 0.5);
        assert_eq!(loc["recall"], 0.25);
        assert!(close(loc["f1"].as_f64().unwrap(), 1.0 / 3.0));
        assert_eq!(loc["overlap_f1"], 2.0 / 3.0);
        assert_eq!(v["micro"]["gold"], 4);
        assert_eq!(v["PER"]["f1"], 0.0);
        assert_eq!(v["ignored"]["MISC"], 3);
        assert_eq!(v["sentences"], 7);
        assert_eq!(v["optional"]["gold"], 5);
        assert_eq!(v["optional"]["predicted_excused"], 2);
    }
}
