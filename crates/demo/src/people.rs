//! The member generator: one person at a time, PPO after PPO, with a valid and unique IIN, a
//! unique mobile number, a name that matches the sex in the IIN, and a plausible joining date.

use crate::Scale;
use crate::dates::{anniversary, date_of, day_number};
use crate::geo::{self, Ppo};
use crate::names::{self, GROUPS};
use crate::rng::{Permutation, Rng, mix};
use jiff::civil::Date;
use mandat_core::{Code, Iin, Phone, Sex};

/// The mobile operators' prefixes of Kazakhstan (+7 7xx).
const PREFIXES: [&str; 12] = [
    "700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778",
];
/// How many distinct phone numbers the generator can give out.
pub(crate) const PHONE_SPACE: u64 = PREFIXES.len() as u64 * 10_000_000;

/// Bands of age on election day (2021-01-10) and their share of members, per mille:
/// most members are 30 to 60; 15 % are under 29 and 28 % under 35.
const AGE_BANDS: [(i32, i32, u32); 8] = [
    (18, 24, 80),
    (25, 28, 75),
    (29, 34, 125),
    (35, 44, 230),
    (45, 54, 220),
    (55, 64, 170),
    (65, 74, 80),
    (75, 85, 20),
];

/// One generated member.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub iin: Iin,
    pub full_name: String,
    pub phone: Phone,
    pub unit: Code,
    pub joined_on: Date,
}

/// Streams the members of a scale's PPOs.
#[derive(Clone, Debug)]
pub(crate) struct People {
    ppos: Vec<Ppo>,
    groups: Vec<[u32; GROUPS]>,
    bands: Vec<(i32, i32)>,
    band_weights: Vec<u32>,
    ppo: usize,
    left_in_ppo: u64,
    made: u64,
    total: u64,
    rng: Rng,
    phones: Permutation,
    /// Serials handed out so far per (birth day, sex), for unique IINs.
    serials: Vec<u16>,
    serial_key: u64,
    first_day: i32,
    last_join: i32,
    party_founded: i32,
    recent: i32,
}

impl People {
    /// The members of `scale` for `seed`; `count` spreads that many members over the same PPOs
    /// in proportion to their sizes (`None`: the scale's own number).
    pub(crate) fn new(scale: Scale, seed: u64, count: Option<u64>) -> People {
        let tree = geo::tree(scale, seed);
        let mut ppos = tree.ppos;
        if let Some(count) = count {
            geo::resize(&mut ppos, count.min(PHONE_SPACE));
        }
        let total = ppos.iter().map(|p| p.size).sum();
        let election_day = day_number(2021, 1, 10);
        let latest_birth = day_number(2002, 7, 31); // 18 by the end of the joining period
        let earliest_birth = day_number(1935, 1, 11); // at most 85 on election day
        let (mut bands, mut band_weights) = (Vec::new(), Vec::new());
        for (youngest, oldest, weight) in AGE_BANDS {
            let hi = anniversary(election_day, -youngest).min(latest_birth);
            let lo = (anniversary(election_day, -(oldest + 1)) + 1).max(earliest_birth);
            if lo <= hi {
                bands.push((lo, hi));
                band_weights.push(weight);
            }
        }
        let first_day = earliest_birth - 366;
        let days = (latest_birth + 366 - first_day) as usize;
        let mut rng = Rng::new(seed, "members");
        People {
            groups: tree.regions.iter().map(|r| r.groups).collect(),
            left_in_ppo: ppos.first().map_or(0, |p| p.size),
            ppos,
            bands,
            band_weights,
            ppo: 0,
            made: 0,
            total,
            serial_key: rng.next_u64(),
            rng,
            phones: Permutation::new(seed, "phones", PHONE_SPACE as u32),
            serials: vec![0; days * 2],
            first_day,
            last_join: day_number(2020, 7, 31),
            party_founded: day_number(1999, 3, 1),
            recent: day_number(2016, 1, 1),
        }
    }

    /// A fresh IIN for someone born on `birth` (a day number) of `sex`; moves the birth day by a
    /// day in the (practically unreachable) case that all serials of that day are taken.
    fn iin(&mut self, mut birth: i32, sex: Sex) -> Option<(Iin, i32)> {
        for _ in 0..64 {
            let slot = (birth - self.first_day) as usize * 2 + usize::from(sex == Sex::Female);
            let counter = self.serials.get_mut(slot)?;
            let base = mix(self.serial_key ^ slot as u64) % 10_000;
            while *counter < 10_000 {
                let serial = ((base + u64::from(*counter) * 7_919) % 10_000) as u16;
                *counter += 1;
                if let Some(iin) = Iin::compose(date_of(birth), sex, serial) {
                    return Some((iin, birth));
                }
            }
            birth -= 1;
        }
        None
    }

    fn phone(&self, index: u64) -> Option<Phone> {
        let n = self.phones.apply(u32::try_from(index).ok()?)?;
        let prefix = PREFIXES[(n / 10_000_000) as usize];
        Phone::parse(&format!("+7{prefix}{:07}", n % 10_000_000)).ok()
    }
}

impl Iterator for People {
    type Item = Person;

    fn next(&mut self) -> Option<Person> {
        while self.left_in_ppo == 0 {
            self.ppo += 1;
            self.left_in_ppo = self.ppos.get(self.ppo)?.size;
        }
        let ppo = self.ppos.get(self.ppo)?;
        let unit = ppo.code.clone();
        let groups = self.groups.get(ppo.region)?;
        let group = self.rng.weighted(groups);
        let female = self.rng.chance(500);
        let sex = if female { Sex::Female } else { Sex::Male };
        let band = self.rng.weighted(&self.band_weights);
        let (lo, hi) = self.bands[band];
        let birth = self.rng.between(i64::from(lo), i64::from(hi)) as i32;
        let (iin, birth) = self.iin(birth, sex)?;
        let full_name = names::full_name(&mut self.rng, group, female);
        let mut start = anniversary(birth, 18).max(self.party_founded);
        if self.rng.chance(500) {
            start = start.max(self.recent);
        }
        let joined =
            self.rng
                .between(i64::from(start), i64::from(self.last_join.max(start))) as i32;
        let phone = self.phone(self.made)?;
        self.made += 1;
        self.left_in_ppo -= 1;
        Some(Person {
            iin,
            full_name,
            phone,
            unit,
            joined_on: date_of(joined),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.total.saturating_sub(self.made) as usize;
        (left, Some(left))
    }
}
