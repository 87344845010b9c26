//! TMX 1.4b: the memory's current translations for a translator's CAT tool, and a TMX file of
//! theirs into the memory as matches for suggestions (they never make a segment current).

use quick_xml::Reader;
use quick_xml::events::Event;

use super::xliff::esc;
use super::{Broken, Error, line_at};
use crate::tm::{Tm, TmError};

/// A current translation: (posting, key, English, language, translation).
pub type Current = (String, String, String, String, String);

/// Every current translation of the memory into `langs`, in posting order.
pub fn current(tm: &Tm, langs: &[String]) -> Result<Vec<Current>, TmError> {
    let mut out = Vec::new();
    for (posting, _) in tm.postings()? {
        let mem = tm.load(&posting)?;
        for lang in langs {
            let Some(rows) = mem.variants.get(lang) else {
                continue;
            };
            for s in &mem.source {
                let current = rows.iter().find_map(|v| {
                    v.translation
                        .as_ref()
                        .filter(|t| v.lineage == Some(s.lineage) && t.source == s.source)
                });
                if let Some(t) = current {
                    out.push((
                        posting.clone(),
                        s.key.clone(),
                        s.text.to_string(),
                        lang.clone(),
                        t.text
                            .get()
                            .map_err(|d| TmError::damaged(tm.path(), d))?
                            .to_string(),
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// A TMX 1.4b document of the memory's current translations.
pub fn write(tm: &Tm, source_lang: &str, langs: &[String]) -> Result<(String, usize), TmError> {
    let units = current(tm, langs)?;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    x.push_str(&format!(
        "  <header creationtool=\"tolk\" creationtoolversion=\"{}\" segtype=\"paragraph\" \
         o-tmf=\"tolk\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(source_lang)
    ));
    for (posting, key, english, lang, text) in &units {
        x.push_str(&format!(
            "    <tu tuid=\"{}\">\n      <prop type=\"x-posting\">{}</prop>\n      \
             <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n    </tu>\n",
            esc(&format!("{posting}#{key}#{lang}")),
            esc(posting),
            esc(source_lang),
            esc(english),
            esc(lang),
            esc(text)
        ));
    }
    x.push_str("  </body>\n</tmx>\n");
    Ok((x, units.len()))
}

/// Keeps the pairs into `targets` as matches for suggestions, named by `origin` (the file's
/// name); returns how many were new.
pub fn keep(
    tm: &mut Tm,
    now: &str,
    who: Option<&str>,
    targets: &[String],
    pairs: &[Pair],
    origin: &str,
) -> Result<usize, TmError> {
    let mut w = tm.writer(now, who)?;
    let mut new = 0;
    for (lang, source, text) in pairs {
        if targets.contains(lang) && w.add_external(lang, source, text, origin)? {
            new += 1;
        }
    }
    w.commit()?;
    Ok(new)
}

/// A translation unit read from a TMX file: (language, source text, translation).
pub type Pair = (String, String, String);

/// Reads the pairs of a TMX file whose source is in `source_lang` (language tags compared
/// without case and region: `en-GB` is `en`).
pub fn read(text: &str, source_lang: &str) -> Result<Vec<Pair>, Error> {
    let base = |l: &str| {
        l.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let src = base(source_lang);
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut seen_tmx = false;
    let mut tuv_lang: Option<String> = None;
    let mut in_seg = false;
    let mut seg = String::new();
    let mut tu: Vec<(String, String)> = Vec::new();
    loop {
        let pos = r.buffer_position();
        let bad = |p| Error::Broken {
            line: line_at(text, pos as usize),
            problem: p,
        };
        match r.read_event() {
            Err(e) => {
                return Err(Error::Broken {
                    line: line_at(text, r.error_position() as usize),
                    problem: Broken::NotXml(e.to_string()),
                });
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"tmx" => {
                    let v = e
                        .try_get_attribute("version")
                        .ok()
                        .flatten()
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                        .unwrap_or_default();
                    if !v.starts_with("1.") {
                        return Err(bad(Broken::Version(v)));
                    }
                    seen_tmx = true;
                }
                _ if !seen_tmx => return Err(bad(Broken::UnknownFormat)),
                b"tu" => tu.clear(),
                b"tuv" => {
                    tuv_lang = e.attributes().flatten().find_map(|a| {
                        let k = a.key.as_ref();
                        (k == b"xml:lang" || k == b"lang")
                            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
                            .flatten()
                    });
                }
                b"seg" => {
                    in_seg = true;
                    seg.clear();
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"seg" => in_seg = false,
                b"tuv" => {
                    if let Some(l) = tuv_lang.take() {
                        tu.push((l, std::mem::take(&mut seg)));
                    }
                }
                b"tu" => {
                    if let Some((_, source)) = tu.iter().find(|(l, _)| base(l) == src) {
                        for (l, t) in &tu {
                            if base(l) != src && !t.is_empty() && !source.is_empty() {
                                out.push((l.clone(), source.clone(), t.clone()));
                            }
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_seg => {
                seg.push_str(&t.decode().map_err(|e| bad(Broken::NotXml(e.to_string())))?)
            }
            Ok(Event::CData(t)) if in_seg => {
                seg.push_str(&t.decode().map_err(|e| bad(Broken::NotXml(e.to_string())))?)
            }
            Ok(Event::GeneralRef(g)) if in_seg => match g.resolve_char_ref() {
                Ok(Some(c)) => seg.push(c),
                _ => seg.push_str(match g.decode().as_deref() {
                    Ok("amp") => "&",
                    Ok("lt") => "<",
                    Ok("gt") => ">",
                    Ok("quot") => "\"",
                    Ok("apos") => "'",
                    _ => return Err(bad(Broken::NotXml("unknown entity".into()))),
                }),
            },
            Ok(Event::Empty(e)) if !seen_tmx => {
                let _ = e;
                return Err(bad(Broken::UnknownFormat));
            }
            Ok(_) => {}
        }
    }
    if !seen_tmx {
        return Err(Error::Broken {
            line: 1,
            problem: Broken::UnknownFormat,
        });
    }
    Ok(out)
}
