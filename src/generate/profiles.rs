//! What the generator knows of each EU member state: population, regions, and the
//! national share of high-risk vendors in the RAN that it is calibrated on.

/// The EU 27 member states, by population (largest first), with the figures that the
/// generator is calibrated on.
#[rustfmt::skip]
pub const EU27: [CountryProfile; 27] = [
    CountryProfile::sourced("DE", "Germany", 83.4, 0.58, &["Baden-Württemberg", "Bayern", "Berlin",
        "Hessen", "Niedersachsen", "Nordrhein-Westfalen", "Sachsen", "Hamburg"]),
    CountryProfile::sourced("FR", "France", 68.4, 0.21, &["Île-de-France", "Auvergne-Rhône-Alpes",
        "Provence-Alpes-Côte d'Azur", "Occitanie", "Nouvelle-Aquitaine", "Hauts-de-France",
        "Grand Est", "Bretagne"]),
    CountryProfile::sourced("IT", "Italy", 59.0, 0.51, &["Lombardia", "Lazio", "Campania",
        "Sicilia", "Veneto", "Emilia-Romagna", "Piemonte", "Puglia"]),
    CountryProfile::sourced("ES", "Spain", 48.6, 0.45, &["Madrid", "Cataluña", "Andalucía",
        "Comunitat Valenciana", "Galicia", "País Vasco", "Castilla y León"]),
    CountryProfile::sourced("PL", "Poland", 36.6, 0.49, &["Mazowieckie", "Śląskie",
        "Wielkopolskie", "Małopolskie", "Dolnośląskie", "Pomorskie"]),
    CountryProfile::plausible("RO", "Romania", 19.1, 0.40, &["București-Ilfov", "Nord-Est",
        "Nord-Vest", "Centru", "Sud-Est", "Vest"]),
    CountryProfile::sourced("NL", "Netherlands", 17.9, 0.51, &["Noord-Holland", "Zuid-Holland",
        "Utrecht", "Noord-Brabant", "Gelderland", "Groningen"]),
    CountryProfile::sourced("BE", "Belgium", 11.8, 1.0, &["Bruxelles-Capitale", "Antwerpen",
        "Oost-Vlaanderen", "Liège", "Hainaut", "Vlaams-Brabant"]),
    CountryProfile::plausible("CZ", "Czechia", 10.9, 0.25, &["Praha", "Středočeský",
        "Jihomoravský", "Moravskoslezský", "Ústecký"]),
    CountryProfile::plausible("SE", "Sweden", 10.6, 0.20, &["Stockholm", "Västra Götaland",
        "Skåne", "Uppsala", "Östergötland", "Norrbotten"]),
    CountryProfile::plausible("PT", "Portugal", 10.6, 0.35, &["Lisboa", "Norte", "Centro",
        "Alentejo", "Algarve"]),
    CountryProfile::plausible("GR", "Greece", 10.4, 0.35, &["Attiki", "Kentriki Makedonia",
        "Thessalia", "Dytiki Ellada", "Kriti"]),
    CountryProfile::sourced("HU", "Hungary", 9.6, 0.55, &["Budapest", "Pest", "Győr-Moson-Sopron",
        "Hajdú-Bihar", "Baranya"]),
    CountryProfile::plausible("AT", "Austria", 9.2, 0.40, &["Wien", "Niederösterreich",
        "Oberösterreich", "Steiermark", "Tirol", "Salzburg"]),
    CountryProfile::plausible("BG", "Bulgaria", 6.4, 0.35, &["Sofia-grad", "Plovdiv", "Varna",
        "Burgas", "Ruse"]),
    CountryProfile::plausible("DK", "Denmark", 6.0, 0.25, &["Hovedstaden", "Midtjylland",
        "Syddanmark", "Sjælland", "Nordjylland"]),
    CountryProfile::plausible("FI", "Finland", 5.6, 0.20, &["Uusimaa", "Pirkanmaa",
        "Varsinais-Suomi", "Pohjois-Pohjanmaa", "Lappi"]),
    CountryProfile::sourced("SK", "Slovakia", 5.4, 0.03, &["Bratislavský", "Košický", "Žilinský",
        "Banskobystrický", "Prešovský"]),
    CountryProfile::plausible("IE", "Ireland", 5.3, 0.30, &["Dublin", "Cork", "Galway", "Limerick",
        "Donegal"]),
    CountryProfile::plausible("HR", "Croatia", 3.9, 0.35, &["Grad Zagreb", "Splitsko-dalmatinska",
        "Primorsko-goranska", "Osječko-baranjska"]),
    CountryProfile::sourced("LT", "Lithuania", 2.9, 0.0, &["Vilnius", "Kaunas", "Klaipėda",
        "Šiauliai"]),
    CountryProfile::plausible("SI", "Slovenia", 2.1, 0.35, &["Osrednjeslovenska", "Podravska",
        "Savinjska", "Obalno-kraška"]),
    CountryProfile::sourced("LV", "Latvia", 1.9, 0.0, &["Rīga", "Kurzeme", "Latgale", "Vidzeme",
        "Zemgale"]),
    CountryProfile::sourced("EE", "Estonia", 1.4, 0.0, &["Harju", "Tartu", "Ida-Viru", "Pärnu"]),
    CountryProfile::sourced("CY", "Cyprus", 0.93, 1.0, &["Nicosia", "Limassol", "Larnaca", "Paphos"]),
    CountryProfile::plausible("LU", "Luxembourg", 0.67, 0.30, &["Luxembourg", "Esch-sur-Alzette",
        "Diekirch"]),
    CountryProfile::plausible("MT", "Malta", 0.56, 0.40, &["Malta", "Gozo"]),
];

/// The largest `--countries`: the EU 27.
pub const MAX_COUNTRIES: usize = EU27.len();

/// What the generator knows of one member state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountryProfile {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// English name.
    pub name: &'static str,
    /// Population in millions (Eurostat, 1 January 2024, rounded); mobile subscriptions
    /// are taken as 1.2 per inhabitant.
    pub population_millions: f64,
    /// Target national share (0 to 1) of high-risk vendors in the RAN, weighted by
    /// subscribers.
    pub high_risk_ran: f64,
    /// Whether `high_risk_ran` comes from a public estimate (the mean of the Strand Consult
    /// figures that DOMAIN.md gives for the country: 4G RAN 2020, 5G RAN Q2 2022) or is a
    /// plausible value chosen for the synthetic data.
    pub sourced: bool,
    /// Region names; an operator's sites are split over up to this many regions.
    pub regions: &'static [&'static str],
}

impl CountryProfile {
    const fn sourced(
        code: &'static str,
        name: &'static str,
        population_millions: f64,
        high_risk_ran: f64,
        regions: &'static [&'static str],
    ) -> Self {
        CountryProfile {
            code,
            name,
            population_millions,
            high_risk_ran,
            sourced: true,
            regions,
        }
    }

    const fn plausible(
        code: &'static str,
        name: &'static str,
        population_millions: f64,
        high_risk_ran: f64,
        regions: &'static [&'static str],
    ) -> Self {
        CountryProfile {
            sourced: false,
            ..Self::sourced(code, name, population_millions, high_risk_ran, regions)
        }
    }
}

/// The profile of a country by its ISO code.
pub fn country_profile(code: &str) -> Option<&'static CountryProfile> {
    EU27.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_is_known_and_distinct() {
        let mut codes: Vec<&str> = EU27.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 27);
        for c in &EU27 {
            assert!(crate::vocab::EEA.contains(&c.code));
            assert!(c.regions.len() >= 2);
            for r in c.regions {
                assert!(!r.contains('"') && !r.contains('\\'));
            }
        }
    }
}
