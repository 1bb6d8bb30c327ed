/**
 * Number ranges Participant → Add refuses unless the credential's "Allow Premium-Rate, Satellite
 * and International-Network Numbers" is on: each costs the caller far more than a normal call, and
 * each is a known target of toll fraud. Matched against the E.164 digits after "+". The sources are
 * the ITU-T list of E.164 assigned country codes (Annex to the ITU Operational Bulletin) and the
 * national numbering plans named below; README.md lists the same table.
 */
const REFUSED_RANGES = [
	{
		prefix: '+1 900',
		meaning: 'premium services (North American Numbering Plan, area code 900)',
		digits: /^1900/,
	},
	{
		prefix: '+1 NPA-976',
		meaning:
			'pay-per-call information services (North American Numbering Plan, exchange 976 in any area code)',
		digits: /^1[2-9]\d\d976/,
	},
	{
		prefix: '+44 9',
		meaning: 'premium rate services (UK National Telephone Numbering Plan, 09 numbers)',
		digits: /^449/,
	},
	{
		prefix: '+49 900',
		meaning: 'premium-rate services (German numbering plan, 0900 numbers)',
		digits: /^49900/,
	},
	{ prefix: '+870', meaning: 'Inmarsat satellite (ITU-T E.164, Inmarsat SNAC)', digits: /^870/ },
	{
		prefix: '+881',
		meaning: 'satellite (ITU-T E.164, Global Mobile Satellite System)',
		digits: /^881/,
	},
	{ prefix: '+882', meaning: 'ITU-T E.164 International Networks', digits: /^882/ },
	{ prefix: '+883', meaning: 'ITU-T E.164 International Networks', digits: /^883/ },
	{
		prefix: '+979',
		meaning: 'ITU-T E.164 International Premium Rate Service',
		digits: /^979/,
	},
];

/** The refused range an E.164 number ("+…") falls in, if any. */
export function refusedRangeOf(number: string) {
	const digits = number.slice(1);
	return REFUSED_RANGES.find((range) => range.digits.test(digits));
}
