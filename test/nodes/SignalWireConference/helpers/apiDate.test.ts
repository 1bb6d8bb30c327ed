import { parseApiDate } from '../../../../nodes/SignalWireConference/helpers/apiDate';

describe('parseApiDate', () => {
	it.each([
		['Mon, 24 Sept 2018 21:00:00 +0000', Date.UTC(2018, 8, 24, 21)],
		['Fri, 27 Nov 2026 08:15:30 +0000', Date.UTC(2026, 10, 27, 8, 15, 30)],
		['not a date', undefined],
		[undefined, undefined],
	])('reads %j leniently', (value, expected) => {
		expect(parseApiDate(value)).toBe(expected);
	});
});
