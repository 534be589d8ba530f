//! The rule layers: one table that names each, says what it finds, and lists the steps that
//! run it, in the order they run.
//!
//! [`Layer`], `--without` and its help text, and the README's table of layers all come from
//! the rows of `layers!` below; [`STEPS`] says when each layer's code runs.

use std::fmt;
use std::str::FromStr;

use super::view::View;
use super::work::Work;
use super::{
    acronym, alias, apposition, ballot, branch, compass, compound, context, coordination,
    east_asia, forum, handles, heads, institution, joined, lowercase, person, surname,
};
use crate::label::Label;

/// Declares [`Layer`] and its facts from one row per layer, in the order the layers run.
macro_rules! layers {
    ($(
        $(#[$doc:meta])*
        $variant:ident {
            name: $name:literal,
            methods: $methods:expr,
            help: $help:literal,
            about: $about:literal $(,)?
        },
    )*) => {
        /// One switchable rule layer.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Layer {
            $($(#[$doc])* $variant,)*
        }

        impl Layer {
            /// Every layer, in the order of the table.
            pub const ALL: [Layer; [$(Layer::$variant),*].len()] = [$(Layer::$variant),*];

            /// The layer's name on the command line (`--without NAME`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Layer::$variant => $name,)*
                }
            }

            /// The `method` values of the rows the layer writes.
            pub fn methods(self) -> &'static [&'static str] {
                match self {
                    $(Layer::$variant => $methods,)*
                }
            }

            /// What the layer finds, in one line: the help text of `--without`.
            pub fn help(self) -> &'static str {
                match self {
                    $(Layer::$variant => $help,)*
                }
            }

            /// What the layer finds, in full, with examples: the README's table of layers.
            pub fn about(self) -> &'static str {
                match self {
                    $(Layer::$variant => $about,)*
                }
            }
        }
    };
}

layers! {
/// First name + capitalised names.
PersonPatterns {
    name: "person-patterns",
    methods: &["pattern"],
    help: "a known first name and the capitalised names after it; a frequent or foreign-looking surname or a first name's genitive alone; names of East Asia by their syllables",
    about: r#"a known first name (13,300 names: common in one of 55 countries, or borne by 20 or more people in Denmark; also a hyphenated pair of them, `Pierre-Emile`) followed by capitalised names, initials and particles (`Susan Mackensie`, `Poul M. Jensen`, `Rafael van der Vaart`) and an Arabic surname with its article (`Abdel Fattah al-Sisi`), also a surname that is a head (`Peter Skov`, `Jesper Bank`, `Christian E. Skov`), but not right after a saint's word (`Sankt Hans`, `Skt. Knud`); a lone first name mid-sentence (`hej til Bente`; not one in capitals of two or three letters, an abbreviation: `i UK`, nor one seldom borne in Denmark after `i`: `i Jenin`); a first name that a list holds as a country goes on in a name through no particle or frequent word (`angrebet i Israel af Hamas`; but `Anne af Rosenborg`), or at a sentence start when 50 or more people in Denmark bear it and it is no word (`Birte gik hen`, not `Sa gik vi`); names ending in a patronymic surname (`Lynge Nielsen`); initials of one letter before a listed surname, at a sentence start too (`P.S. Krøyer`, `H.L. Hansen var`); a surname borne by 200 or more people in Denmark that is no word, alone where no list claims it (`af Krarup og Langballe`; not `Skov`, not `fra Thorning`, not `Brüel & Kjær`), with a given name no list knows before it mid-sentence, of up to eight letters and no word, also where a list has the surname as a town (`mødte Pele Broberg`, `viser Abiy Ahmed`, `mødte Pele Lynge`; not `på Villa Broberg`); the genitive of such a first name alone (`i Camillas sofa`, `Sonjas øjne`); a capitalised word alone after `og` right after a person's name or before `og` and one, but for a frequent word, a noun in the definite form and a head (`Kamala Harris og Walz`, `Lavesen og Grues`, `Geleff og Brix`; not `Mette Frederiksen og Regeringen`); a capitalised word that no list knows but as a surname and that ends as surnames of Eastern and Southern Europe, Finland, the Caucasus, Turkey and the Spanish-speaking world do, alone or after a given name no list knows (`surname_endings.txt`: `Budanov`, `Plenković`, `Georgescu`, `Mitsotakis`, `Rodríguez`, `Aryna Sabalenka`; not `Nakskov`); a name of East Asia that no list holds, by its syllables (`east_asian_names.txt`): a surname of China, Taiwan or Korea before a given name in pinyin or of two syllables joined by a hyphen (`Li Qiang`, `Lin Dan`, `Yoon Suk-yeol`, `Tsai Ing-wen`; not `Han Sang`), or two words made of Japanese morae, the first of three or more that no list knows and no Danish noun (`Shinzo Abe`, `Hayao Miyazaki`; not `Paraden Momota`); a name ends before a word that opens a clause (`Af Egon Nielsen Vi har …`), before a capitalised particle or pronoun that a lowercase word follows (`Brev til Bush Man kan`; not `Kevin De Bruyne`), in capitals before a frequent word (`METTE FREDERIKSEN MØDTE …`), before a frequent word that no list has as a name after two names or more (`Mads Langer Hør det her`), after one only in the definite form (`Søren Livet er kort`), after a surname before any word in the definite form that no list has as a name (`Foto: Ole Clausen Kålen skal`), and at the full stop after a first name in use in Denmark, after a word of two or three letters but before a surname, and after a letter before a frequent word, which are no initials (`sagde Ole. Derefter`, `siger Lars Bak.`, `på Møn. Ulrik Sørensen`, `Ru K. Der er`; not `Jens Chr. Hansen`, `Jens Bak. Hansen`)"#,
},
/// Title, role or speech verb + capitalised names.
TitlePatterns {
    name: "title-patterns",
    methods: &["pattern"],
    help: "a capitalised name after a title, a role or a speech verb",
    about: r#"a capitalised name after a title or role (`statsminister Poul Schlüter`, `forfatteren Karen Blixen`, `politidirektør Eefsen`) or a verb that introduces a speaker (`"…," siger Trangeled`; two or three words no list knows only after a verb that firms seldom speak with: `siger Nile Rodgers`, not `oplyser Maersk Tankers`), but not a word that opens a clause (`sagde Han.`), nor after a verb one word in the definite form that no list names (`oplyser Anklagemyndigheden`); the title or verb is not part of the mention"#,
},
/// Capitalised names with an organisational head.
OrgPatterns {
    name: "org-patterns",
    methods: &["pattern", "gazetteer"],
    help: "names with an organisational head or a legal form, names joined by &, ballot letters, names after a noun such as selskabet, acronyms no list holds",
    about: r#"capitalised names with an organisational head (`Aarhus Universitet`, `FC Midtjylland`, `Fremskridtspartiet`, `Lemvig Folkeblad`, `Washington Post`) or ending in a compound of one (`Herning Golfklub`, `Næstved Handelsskole`), also one that leads the name before `for`, `af` or `of` (`Styrelsen for Arbejdsmarked og Rekruttering`, `Center for Cybersikkerhed`, `University of Copenhagen`), or ending in a company legal form of any country (`Danske Fabrikshaller A/S`, `Siemens AG`, `Volvo AB`, `Arla Foods a.m.b.a.`), a sentence's first word that is a title, a frequent word or no head before `i`, or a noun in the definite form that no list names before `for` or `af`, left out (`Formanden for Borgernes Parti`, `Aktien i Nordea A/S`, `Rektoren for Landbohøjskolen`), and so are the words of a headline in capitals run into it (`SAS AFVISER Kommunalbestyrelsen`); a capitalised adjective of origin or kind beginning a name mid-sentence (`Dansk Energigruppe`, `Jyske Division`); a listed place's genitive before capitalised words with no head that no list names (`Københavns Overpræsidium`, `Danmarks Sparekasseforening`; not `Danmarks Christian Eriksen`); a name in title case joined by a hyphen to a word of a company's people, shares or shops (`Teknova-direktør`, `Crisplant-ledelsen`, `Danisco-koncernens`; not `TV-direktør`); names joined by ` & ` (`Brüel & Kjær`, `Lassen & Sand`, not `Mette & Lars`), a person's name too before a word such as `Søn` or `Co` (`Carl Hansen & Søn`, `Jensen & Co.`); `og` or `i` after a head or a listed name starts another name (`SF og Fremskridtspartiet`), and so does `i` after two words or a first name (`Rasmus Seebach i Royal Arena`), and so does `og` before a listed name (`Skive Nyt og Holstebro`, `ARoS og Louisiana Museum of Modern Art`); a capitalised word alone before or after `og` and an organisation is one too, but for a frequent word, a first name in use in Denmark, a noun in the definite form and a head (`Yamaha og Enghave Motor`, `Novo Nordisk og Genmab`); a listed place and a lowercase head of a public body are one organisation (`Odense kommune`, `Frederikshavn politi`); an organisation and a Nordic country right after it are one organisation, its branch there (`Microsoft Danmark`, `Greenpeace Danmark`; not in the genitive); truncated words joined to an organisation by `og` or `eller` are part of it (`Social- og Boligministeriet`, `Institut for Medie- og Kommunikationsvidenskab`); a party's ballot letter alone, in parentheses after a person's name (`Anders Andersen (V)`) or in political text (`rækker hånden ud til S`); capitalised names right after a noun that says they are an organisation (`konsulentfirmaet Danop`, `rederiet Phønix`, `techgiganten Meta`); an acronym no list holds, three to five capitals that are no word, roman numeral or cry, with no word in capitals beside them and a lowercase word after them (`DKA blev`, `et NWO forsøg`, `DGO's udtalelse`; not `DET er`, `AIDS`, `PLZ?`, `HVAD SKER DER`), also where the person patterns took them for a first name alone (`mod FIA for`)"#,
},
/// Capitalised names with a place head.
PlacePatterns {
    name: "place-patterns",
    methods: &["pattern"],
    help: "names with a place head; an unknown capitalised word after i; names after a noun such as byen; Nordtyskland",
    about: r#"capitalised names with a place head (`Lyngby Stadion`, `Det Røde Hav`, `Speditørvej`); a single capitalised word no list knows right after `i`, unless it looks like another kind of name or a noun (`i Altaussee`; not `i KTAS`, `i Parken`), an organisation after a word such as `aktierne` or `ansat` (`aktierne i Bodum`); a capitalised word alone before or after `og` and a place is a place, but for a frequent word, a first name in use in Denmark, a noun in the definite form and a head (`Tesanj og Travnik`, `i Gazastriben og Rafah`); capitalised names right after a noun that says they are a place (`landsbyen Akkerup`, `hovedstaden Monrovia`); truncated words joined to a place by `og` or `eller` are part of it (`Nord- og Sydamerika`, `Vest- og Sønderjylland`); a point of the compass and a listed place in one word (`Nordtyskland`, `Sydøstasien`, `Østfyn`, `Nord-Tyskland`); a name in title case joined by a hyphen to a word of a quarter, palace or area (`Tronneallé-kvarteret`, `Malacanang-paladset`)"#,
},
/// Labels and ambiguous forms decided by neighbouring words.
Context {
    name: "context",
    methods: &["gazetteer"],
    help: "a form under several labels takes the one its context supports",
    about: r#"a form listed under several labels takes the one its context supports (`klubben Brøndby` a club and `byen Brøndby` a place, by the noun before it; `i Brøndby` a place, `mod Brøndby` in a sports sentence or a sentence with a score a club, a club's town in a sports sentence the club, a match fixture `Brøndby-AGF` or `FCK mod Brøndby` the club); an ambiguous form at a sentence start counts when a capitalised name or a verb that introduces a speaker follows it (`Venstre mener`), or in the genitive before a title (`Venstres formand`)"#,
},
/// Forms tagged mid-sentence are tagged at later sentence starts too.
Consistency {
    name: "consistency",
    methods: &["gazetteer"],
    help: "a form tagged mid-sentence is tagged again at a later sentence start",
    about: r#"an ambiguous form tagged mid-sentence is tagged again where it later opens a sentence"#,
},
/// In-document surnames and abbreviations.
Aliases {
    name: "aliases",
    methods: &["alias"],
    help: "later surnames of a person and abbreviations of an organisation, in one document",
    about: r#"within one document, a later surname or first name + surname of a person named in full (`Stoltenberg` → Jens Stoltenberg), and an abbreviation introduced in parentheses (`Dansk Industri (DI)` → later `DI`), but not a frequent word at a sentence start (`Det`, `Han`)"#,
},
/// `@handles` and `#hashtags` that spell a name.
Handles {
    name: "handles",
    methods: &["gazetteer", "pattern"],
    help: "@handles, as the account of a person or an organisation; #hashtags that spell a name; user names in forum quote headers",
    about: r#"`@handles`, each the account of a person or an organisation (see above: `@FCKobenhavn`, `@larsloekke`, `@DFH_dk`), and `#hashtags` that spell a name (`#danmark`); the user name in a forum's quote header, however it is spelled (`21:36 skrev xkat`, `Annasproblembarn skrev:`)"#,
},
/// Names in lowercase in informal text (`--case strict` switches it off).
Lowercase {
    name: "lowercase",
    methods: &["gazetteer", "pattern"],
    help: "names written in lowercase in informal text (also --case strict)",
    about: r#"names written in lowercase in informal text (see Case above: `odense`, `ida jensen`, `i europa`)"#,
},}

impl Layer {
    /// The layers as the README's table shows them: name, `method`, what the layer does.
    pub fn markdown_table() -> String {
        let mut table = String::from("| layer | `method` | what it does |\n|---|---|---|\n");
        for l in Layer::ALL {
            let methods: Vec<String> = l.methods().iter().map(|m| format!("`{m}`")).collect();
            table += &format!(
                "| `{}` | {} | {} |\n",
                l.name(),
                methods.join(", "),
                l.about()
            );
        }
        table
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Layer {
    type Err = String;

    fn from_str(s: &str) -> Result<Layer, String> {
        Layer::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
                format!("unknown layer {s:?} (one of {})", names.join(", "))
            })
    }
}

/// Which rule layers run: one bit per layer, so that whether a step runs is one test.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Layers {
    on: u16,
}

// Every layer has its bit.
const _: () = assert!(Layer::ALL.len() <= 16);

impl Layers {
    /// Every layer on (the default).
    pub fn all() -> Layers {
        Layers::of(&Layer::ALL)
    }

    /// No layer: the gazetteer pass alone.
    pub fn none() -> Layers {
        Layers { on: 0 }
    }

    /// Just the `layers` given, as [`STEPS`] names a step's.
    pub(crate) const fn of(layers: &[Layer]) -> Layers {
        let mut on = 0;
        let mut k = 0;
        while k < layers.len() {
            on |= Layers::bit(layers[k]);
            k += 1;
        }
        Layers { on }
    }

    /// The bit of `layer`.
    const fn bit(layer: Layer) -> u16 {
        1 << layer as usize
    }

    /// These layers, with `layer` switched on or off.
    pub fn with(mut self, layer: Layer, on: bool) -> Layers {
        let bit = Layers::bit(layer);
        self.on = if on { self.on | bit } else { self.on & !bit };
        self
    }

    /// Whether `layer` runs.
    pub fn has(&self, layer: Layer) -> bool {
        self.on & Layers::bit(layer) != 0
    }

    /// Whether any of `layers` runs.
    pub(crate) fn any(&self, layers: Layers) -> bool {
        self.on & layers.on != 0
    }

    /// Whether the pattern layer that finds names of `label` runs: `person-patterns` for
    /// people, `place-patterns` for places, `org-patterns` for organisations. A label of a
    /// user's own has none: no pattern finds its names.
    pub(crate) fn finds_by_pattern(&self, label: Label) -> bool {
        match label {
            Label::Per => self.has(Layer::PersonPatterns),
            Label::Loc => self.has(Layer::PlacePatterns),
            Label::Org => self.has(Layer::OrgPatterns),
            Label::Custom(_) => false,
        }
    }
}

// The names of the layers that run, as `--without` takes them.
impl fmt::Debug for Layers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let on = Layer::ALL.iter().filter(|&&l| self.has(l));
        f.debug_set().entries(on.map(|l| l.name())).finish()
    }
}

impl Default for Layers {
    fn default() -> Layers {
        Layers::all()
    }
}

/// When a step runs: before the proposals are merged into one set of mentions, or after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Reads the gazetteer candidates, may revive held ones, and pushes proposals
    /// ([`Work::proposals`]).
    Propose,
    /// Reads and changes the chosen mentions ([`Work::chosen`]): relabels, extends, adds.
    Decide,
}

/// One step of a layer's work on a document.
pub(crate) struct Step {
    /// The layers the step is part of: it runs when any of them is on, and reads
    /// [`Work::layers`] if it does the work of more than one.
    pub layers: Layers,
    /// Before the merge or after.
    pub phase: Phase,
    /// The step.
    pub run: fn(&View, &mut Work),
}

/// Every step, in the order they run within their phase.
///
/// Person and title patterns are one step: both start at capitalised tokens, and where one
/// takes a name the other does not look (`statsminister Poul Schlüter` is one name, not a
/// title's name and a first name's). Organisation and place heads are one step for the same
/// reason: they cut the same runs of capitalised tokens.
pub(crate) const STEPS: [Step; 20] = [
    Step {
        layers: Layers::of(&[Layer::Context]),
        phase: Phase::Propose,
        run: context::revive_before_names,
    },
    Step {
        layers: Layers::of(&[Layer::PersonPatterns, Layer::TitlePatterns]),
        phase: Phase::Propose,
        run: person::find,
    },
    Step {
        layers: Layers::of(&[Layer::OrgPatterns, Layer::PlacePatterns]),
        phase: Phase::Propose,
        run: heads::find,
    },
    Step {
        layers: Layers::of(&[Layer::OrgPatterns]),
        phase: Phase::Decide,
        run: institution::join_heads,
    },
    Step {
        layers: Layers::of(&[Layer::OrgPatterns, Layer::PlacePatterns]),
        phase: Phase::Decide,
        run: coordination::join_truncated,
    },
    Step {
        layers: Layers::of(&[Layer::PlacePatterns]),
        phase: Phase::Decide,
        run: compass::find,
    },
    Step {
        layers: Layers::of(&[Layer::OrgPatterns, Layer::PlacePatterns]),
        phase: Phase::Decide,
        run: compound::find,
    },
    Step {
        layers: Layers::of(&[Layer::PersonPatterns]),
        phase: Phase::Decide,
        run: surname::find,
    },
    Step {
        layers: Layers::of(&[Layer::PersonPatterns]),
        phase: Phase::Decide,
        run: east_asia::find,
    },
    Step {
        layers: Layers::of(&[
            Layer::PersonPatterns,
            Layer::PlacePatterns,
            Layer::OrgPatterns,
        ]),
        phase: Phase::Decide,
        run: joined::find,
    },
    Step {
        layers: Layers::of(&[Layer::OrgPatterns, Layer::PlacePatterns]),
        phase: Phase::Decide,
        run: apposition::name_after_nouns,
    },
    Step {
        layers: Layers::of(&[Layer::Context]),
        phase: Phase::Decide,
        run: context::label_by_context,
    },
    Step {
        layers: Layers::of(&[Layer::Consistency]),
        phase: Phase::Decide,
        run: context::revive_repeated,
    },
    Step {
        layers: Layers::of(&[Layer::OrgPatterns]),
        phase: Phase::Decide,
        run: branch::join_countries,
    },
    Step {
        layers: Layers::of(&[Layer::Aliases]),
        phase: Phase::Decide,
        run: alias::resolve,
    },
    Step {
        layers: Layers::of(&[Layer::OrgPatterns]),
        phase: Phase::Decide,
        run: acronym::find,
    },
    Step {
        layers: Layers::of(&[Layer::OrgPatterns]),
        phase: Phase::Decide,
        run: ballot::find,
    },
    Step {
        layers: Layers::of(&[Layer::Handles]),
        phase: Phase::Decide,
        run: handles::handles,
    },
    Step {
        layers: Layers::of(&[Layer::Handles]),
        phase: Phase::Decide,
        run: forum::quote_headers,
    },
    Step {
        layers: Layers::of(&[Layer::Lowercase]),
        phase: Phase::Decide,
        run: lowercase::lowercase,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_names_round_trip() {
        for l in Layer::ALL {
            assert_eq!(l.name().parse::<Layer>().unwrap(), l);
        }
        assert!("nope".parse::<Layer>().is_err());
        let l = Layers::all().with(Layer::Aliases, false);
        assert!(!l.has(Layer::Aliases) && l.has(Layer::Context));
    }

    /// Each layer is its own bit: switching one off or on again leaves the others as they
    /// were, a step runs when any of its layers does, and `Debug` names the layers that run.
    #[test]
    fn layers_are_one_bit_each() {
        for l in Layer::ALL {
            let off = Layers::all().with(l, false);
            assert!(!off.has(l) && off.with(l, true) == Layers::all(), "{l}");
            assert!(Layer::ALL.iter().all(|&k| k == l || off.has(k)), "{l}");
            let alone = Layers::none().with(l, true);
            assert_eq!(alone, Layers::of(&[l]));
            assert!(alone.any(Layers::of(&[Layer::Aliases, l])) && !off.any(Layers::of(&[l])));
        }
        assert!(!Layers::none().any(Layers::all()));
        let two = Layers::of(&[Layer::Context, Layer::Aliases]);
        assert_eq!(format!("{two:?}"), r#"{"context", "aliases"}"#);
    }

    /// Every layer has a step, and every step a layer.
    #[test]
    fn every_layer_has_a_step() {
        for l in Layer::ALL {
            assert!(STEPS.iter().any(|s| s.layers.has(l)), "{l}");
        }
        assert!(STEPS.iter().all(|s| s.layers != Layers::none()));
    }

    /// The README's table of layers is the one the table makes.
    #[test]
    fn readme_lists_the_layers_of_the_table() {
        let readme = include_str!("../../README.md");
        let table = Layer::markdown_table();
        assert!(
            readme.contains(&table),
            "README.md's table of layers is out of date; it should be:\n\n{table}"
        );
    }
}
