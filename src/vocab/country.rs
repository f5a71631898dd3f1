//! Countries: ISO 3166-1 alpha-2 codes as inventories write them, the EU's own codes for two
//! of them, and the country someone most likely meant by an unknown code or a name.

use super::edit_distance;

/// The EU 27 member states plus Iceland, Liechtenstein and Norway (the EEA): the default
/// set of countries from which operations are allowed.
pub const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// Whether a code is an ISO 3166-1 alpha-2 code, in upper case (officially assigned, plus
/// `XK` Kosovo, used by the EU and international bodies as a user-assigned code).
pub fn is_iso_country(code: &str) -> bool {
    code.len() == 2 && ISO_ALPHA2.split(' ').any(|c| c == code)
}

/// Every ISO 3166-1 alpha-2 code that inventories may write (upper case, in order).
pub fn iso_countries() -> impl Iterator<Item = &'static str> {
    ISO_ALPHA2.split(' ')
}

/// The ISO code written in any case (`de` is `DE`), as the format keeps it; `None` when the
/// code is not an ISO 3166-1 alpha-2 code (an EU code, a name).
pub fn read_country(written: &str) -> Option<&'static str> {
    if written.len() != 2 {
        return None;
    }
    ISO_ALPHA2
        .split(' ')
        .find(|c| c.eq_ignore_ascii_case(written))
}

/// The codes that the EU writes for two countries, which are not their ISO 3166-1 codes
/// (the EU's interinstitutional style guide): `EL` for Greece (ISO `GR`) and `UK` for the
/// United Kingdom (ISO `GB`). Loading reads them as the ISO code, with a warning.
pub const COUNTRY_ALIASES: [(&str, &str); 2] = [("EL", "GR"), ("UK", "GB")];

/// The ISO code that an EU country code stands for (`EL` is `GR`), in any case.
pub fn country_alias(code: &str) -> Option<&'static str> {
    COUNTRY_ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(code))
        .map(|&(_, iso)| iso)
}

/// The ISO code that someone who wrote `written` for a country most likely meant, for a "did
/// you mean" hint: the code of an alpha-3 code (`DEU`), of a country's English or own name
/// (`Germany`, `Deutschland`), or of a name within two edits (`Germnay`). The countries of
/// Europe and the suppliers' home countries are known by name.
pub fn suggest_country(written: &str) -> Option<&'static str> {
    let trimmed = written.trim();
    if let Some(iso) = read_country(trimmed).or_else(|| country_alias(trimmed)) {
        return Some(iso);
    }
    let lower = trimmed.to_lowercase();
    let mut best: Option<(usize, &'static str)> = None;
    for &(iso, alpha3, names) in COUNTRY_NAMES {
        if alpha3.eq_ignore_ascii_case(trimmed) {
            return Some(iso);
        }
        for name in names.split('|') {
            let d = edit_distance(&lower, name);
            if d == 0 {
                return Some(iso);
            }
            if d <= 2 && lower.chars().count() > 4 && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, iso));
            }
        }
    }
    best.map(|(_, iso)| iso)
}

/// Countries known by name for [`suggest_country`]: ISO code, alpha-3 code, lower-case names
/// (English, then the country's own) separated by `|`.
const COUNTRY_NAMES: &[(&str, &str, &str)] = &[
    ("AT", "AUT", "austria|österreich"),
    ("BE", "BEL", "belgium|belgique|belgië"),
    ("BG", "BGR", "bulgaria|българия"),
    ("HR", "HRV", "croatia|hrvatska"),
    ("CY", "CYP", "cyprus"),
    ("CZ", "CZE", "czechia|czech republic|česko"),
    ("DK", "DNK", "denmark|danmark"),
    ("EE", "EST", "estonia|eesti"),
    ("FI", "FIN", "finland|suomi"),
    ("FR", "FRA", "france"),
    ("DE", "DEU", "germany|deutschland"),
    ("GR", "GRC", "greece|hellas|ellada"),
    ("HU", "HUN", "hungary|magyarország"),
    ("IE", "IRL", "ireland|éire"),
    ("IT", "ITA", "italy|italia"),
    ("LV", "LVA", "latvia|latvija"),
    ("LT", "LTU", "lithuania|lietuva"),
    ("LU", "LUX", "luxembourg"),
    ("MT", "MLT", "malta"),
    ("NL", "NLD", "netherlands|the netherlands|nederland|holland"),
    ("PL", "POL", "poland|polska"),
    ("PT", "PRT", "portugal"),
    ("RO", "ROU", "romania|românia"),
    ("SK", "SVK", "slovakia|slovensko"),
    ("SI", "SVN", "slovenia|slovenija"),
    ("ES", "ESP", "spain|españa"),
    ("SE", "SWE", "sweden|sverige"),
    ("IS", "ISL", "iceland|ísland"),
    ("LI", "LIE", "liechtenstein"),
    ("NO", "NOR", "norway|norge"),
    ("CH", "CHE", "switzerland|schweiz|suisse|svizzera"),
    (
        "GB",
        "GBR",
        "united kingdom|great britain|britain|england|scotland|wales",
    ),
    (
        "US",
        "USA",
        "united states|united states of america|america",
    ),
    ("CN", "CHN", "china|people's republic of china"),
    ("JP", "JPN", "japan"),
    ("KR", "KOR", "south korea|korea|republic of korea"),
    ("TW", "TWN", "taiwan"),
    ("IL", "ISR", "israel"),
    ("IN", "IND", "india"),
    ("CA", "CAN", "canada"),
];

const ISO_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_codes_in_any_case() {
        assert!(is_iso_country("DE"));
        assert!(!is_iso_country("de"));
        assert!(!is_iso_country("Germany"));
        assert!(!is_iso_country("UK"));
        assert_eq!(ISO_ALPHA2.split(' ').count(), 250);
        assert_eq!(read_country("de"), Some("DE"));
        assert_eq!(read_country("Se"), Some("SE"));
        assert_eq!(read_country("UK"), None);
        assert_eq!(read_country("DEU"), None);
    }

    #[test]
    fn eu_codes_and_country_hints() {
        assert_eq!(country_alias("EL"), Some("GR"));
        assert_eq!(country_alias("uk"), Some("GB"));
        assert_eq!(country_alias("DE"), None);
        for (alias, iso) in COUNTRY_ALIASES {
            assert!(!is_iso_country(alias) && is_iso_country(iso), "{alias}");
        }
        assert_eq!(suggest_country("DEU"), Some("DE"));
        assert_eq!(suggest_country("Germany"), Some("DE"));
        assert_eq!(suggest_country("Deutschland"), Some("DE"));
        assert_eq!(suggest_country("Germnay"), Some("DE"));
        assert_eq!(suggest_country("Sverige"), Some("SE"));
        assert_eq!(suggest_country("Atlantis"), None);
        assert_eq!(suggest_country("XX"), None);
        for (iso, alpha3, _) in COUNTRY_NAMES {
            assert!(is_iso_country(iso), "{iso}");
            assert_eq!(alpha3.len(), 3);
        }
    }
}
