/**
 * Fictional name parts for synthetic data. Family names, streets and places are built from invented,
 * whimsical parts ("Quill" + "feather") so no generated person or place can be mistaken for a real one.
 * Given names are ordinary first names: on their own they identify nobody.
 */
import type { Rng } from './random.js';

export const GIVEN_NAMES_FEMALE = [
  'Mabel', 'Ottilie', 'Clementine', 'Wren', 'Marigold', 'Elodie', 'Isla', 'Nell', 'Posy', 'Hazel',
  'Juniper', 'Ivy', 'Maisie', 'Elsie', 'Florence', 'Aurelia', 'Tabitha', 'Winifred', 'Rosalind', 'Imogen',
  'Primrose', 'Beatrix', 'Dorothea', 'Saffron', 'Amara', 'Zainab', 'Priya', 'Aaliyah', 'Niamh', 'Freya',
  'Esme', 'Ada', 'Lyra', 'Mirren', 'Calla', 'Fenella', 'Oriel', 'Talia', 'Yasmin', 'Ruby',
  'Ellie', 'Poppy', 'Matilda', 'Cordelia', 'Iona', 'Kezia', 'Leonie', 'Mei', 'Noor', 'Sunniva',
] as const;

export const GIVEN_NAMES_MALE = [
  'Tobias', 'Barnaby', 'Jasper', 'Ozias', 'Ptolemy', 'Alfie', 'Rufus', 'Cosmo', 'Ansel', 'Fergus',
  'Lorcan', 'Ellis', 'Otto', 'Ezra', 'Caspian', 'Hugo', 'Silas', 'Teodor', 'Ambrose', 'Crispin',
  'Digby', 'Evander', 'Gideon', 'Horatio', 'Ignatius', 'Kit', 'Leopold', 'Monty', 'Nico', 'Orson',
  'Percival', 'Quentin', 'Rafferty', 'Seb', 'Thaddeus', 'Umar', 'Kwame', 'Arjun', 'Yusuf', 'Dara',
  'Finn', 'Rory', 'Wilf', 'Bram', 'Idris', 'Jago', 'Laurie', 'Milo', 'Oisin', 'Zeki',
] as const;

const FAMILY_PREFIXES = [
  'Quill', 'Thistle', 'Bramble', 'Nettle', 'Marrow', 'Pebble', 'Sorrel', 'Tansy', 'Burdock', 'Teasel',
  'Cobble', 'Dapple', 'Frond', 'Lichen', 'Gorse', 'Mallow', 'Campion', 'Yarrow', 'Wimble', 'Fiddle',
  'Tumble', 'Crumble', 'Puddle', 'Hobble', 'Sloe', 'Mossy', 'Wickle', 'Brindle', 'Tinder', 'Sparrow',
  'Hazle', 'Pinch', 'Bumble', 'Cinder', 'Drizzle', 'Fennick', 'Glimmer', 'Hedgeley', 'Jolly', 'Kettle',
  'Lantern', 'Muddle', 'Noggin', 'Oakle', 'Periwink', 'Rumble', 'Snicket', 'Trundle', 'Umber', 'Whistle',
] as const;

const FAMILY_SUFFIXES = [
  'feather', 'wood', 'whistle', 'bottom', 'button', 'worth', 'thwaite', 'wick', 'pond', 'hop',
  'bury', 'shaw', 'dew', 'lock', 'combe', 'more', 'stone', 'field', 'brook', 'ridge',
  'ford', 'gate', 'hollow', 'kettle', 'lade', 'mire', 'nook', 'over', 'pike', 'rigg',
] as const;

const STREET_PREFIXES = [
  'Larkspur', 'Quillon', 'Thimble', 'Wicker', 'Pennyroyal', 'Candlewick', 'Gooseberry', 'Marzipan', 'Tuppence',
  'Cowslip', 'Dandelion', 'Fiddlehead', 'Gingerbread', 'Hollyhock', 'Inkwell', 'Jackdaw', 'Kingfisher', 'Lamplight',
  'Moonpenny', 'Nutmeg', 'Orchard', 'Parsnip', 'Quince', 'Rosehip', 'Snowdrop', 'Toadflax', 'Underbough', 'Velvet',
  'Willowherb', 'Yewberry',
] as const;
const STREET_SUFFIXES = ['Lane', 'Road', 'Close', 'Way', 'Row', 'Crescent', 'Gardens', 'Walk', 'Mews', 'Terrace', 'Drive', 'Court'] as const;

const PLACE_PREFIXES = [
  'Ouse', 'Wren', 'Hart', 'Brack', 'Thorn', 'Mere', 'Quern', 'Lark', 'Fenn', 'Gorm', 'Holl', 'Kest', 'Lum',
  'Marl', 'Nebb', 'Pell', 'Ravel', 'Skell', 'Tull', 'Umbr', 'Vell', 'Wold', 'Yarr', 'Zell', 'Ashen', 'Brise',
  'Cawl', 'Dunn', 'Elm', 'Frith', 'Grisk', 'Hobb', 'Innis', 'Jorr', 'Knapp', 'Lorr', 'Moss', 'Norr', 'Otter',
] as const;
const PLACE_SUFFIXES = [
  'ford', 'mere', 'wick', 'thorpe', 'by', 'ham', 'ton', 'well', 'bridge', 'stow', 'combe', 'leigh', 'worth',
  'borough', 'field', 'minster', 'haven', 'holme', 'dale', 'cross',
] as const;
const PLACE_QUALIFIERS = ['', '', '', '', ' Vale', ' Heath', ' Magna', ' Parva', ' on Sea', ' St Agnes', ' Down'] as const;

export type Sex = 'male' | 'female';

export function givenName(rng: Rng, sex: Sex): string {
  return rng.pick(sex === 'female' ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE);
}

/** An invented family name such as "Quillfeather" or "Thistlewood". */
export function familyName(rng: Rng): string {
  return rng.pick(FAMILY_PREFIXES) + rng.pick(FAMILY_SUFFIXES);
}

/** The n-th invented family name, for a fixed enumeration (n wraps). */
export function familyNameAt(n: number): string {
  const prefix = FAMILY_PREFIXES[n % FAMILY_PREFIXES.length] as string;
  const suffix = FAMILY_SUFFIXES[Math.floor(n / FAMILY_PREFIXES.length) % FAMILY_SUFFIXES.length] as string;
  return prefix + suffix;
}

export function streetName(rng: Rng): string {
  return `${rng.pick(STREET_PREFIXES)} ${rng.pick(STREET_SUFFIXES)}`;
}

/** The n-th invented place name, unique for n below 780 (then qualified: "Wrenmere Vale"). */
export function placeNameAt(n: number): string {
  const base = PLACE_PREFIXES.length * PLACE_SUFFIXES.length;
  const prefix = PLACE_PREFIXES[n % PLACE_PREFIXES.length] as string;
  const suffix = PLACE_SUFFIXES[Math.floor(n / PLACE_PREFIXES.length) % PLACE_SUFFIXES.length] as string;
  const qualifier = PLACE_QUALIFIERS[Math.floor(n / base) % PLACE_QUALIFIERS.length] as string;
  const round = Math.floor(n / (base * PLACE_QUALIFIERS.length));
  return `${prefix}${suffix}${qualifier}${round > 0 ? ` ${round + 1}` : ''}`;
}

export function placeName(rng: Rng): string {
  return rng.pick(PLACE_PREFIXES) + rng.pick(PLACE_SUFFIXES);
}

/**
 * Postcode area letters that no real UK postcode uses (real areas never start with Q, V or X), so a
 * synthetic postcode cannot point at a real street, yet still matches the API's postcode pattern.
 * 'OU' (Ouseford, the demo borough) is not a real area either.
 */
export const SYNTHETIC_POSTCODE_AREAS = (() => {
  const seconds = 'ABCDEFGHKLMNOPRSTUVWXY'.split('');
  const areas: string[] = [];
  for (const first of ['Q', 'V', 'X']) for (const second of seconds) areas.push(first + second);
  return areas;
})();

/** Letters used in the inward part of real postcodes (never C, I, K, M, O, V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A postcode such as 'OU1 2AB' in the given area and district. */
export function postcode(rng: Rng, area: string, district: number): string {
  return `${area}${district} ${rng.int(1, 9)}${INWARD_LETTERS[rng.int(0, INWARD_LETTERS.length - 1)]}${INWARD_LETTERS[rng.int(0, INWARD_LETTERS.length - 1)]}`;
}

export function houseAddress(rng: Rng): string {
  return `${rng.int(1, 180)} ${streetName(rng)}`;
}

export const POSTCODE_PATTERN = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;
