import {
	formatDuration,
	formatWhen,
	participantAddress,
} from '../../../../nodes/SignalWireConference/methods/labels';

describe('picker labels', () => {
	it('says durations the way people read them', () => {
		expect(
			[0, 59_999, 60_000, 59 * 60_000, 60 * 60_000, 125 * 60_000, 86_400_000, 100 * 3_600_000].map(
				formatDuration,
			),
		).toEqual([
			'under 1 min',
			'under 1 min',
			'1 min',
			'59 min',
			'1 h',
			'2 h 5 min',
			'1 d',
			'4 d 4 h',
		]);
	});

	it('writes times in the time zone given, and in UTC for a zone this runtime lacks', () => {
		const time = Date.parse('2026-07-04T18:30:00Z');
		const laterThatDay = Date.parse('2026-07-04T20:00:00Z');
		expect(formatWhen(time, 'Europe/Berlin', laterThatDay)).toBe('20:30');
		expect(formatWhen(time, 'America/New_York', laterThatDay)).toBe('14:30');
		expect(formatWhen(time, 'Not/AZone', laterThatDay)).toBe('18:30');
	});

	it('adds the day when it is not today, and the year when it is not this year', () => {
		const time = Date.parse('2026-07-04T18:30:00Z');
		expect(formatWhen(time, 'UTC', Date.parse('2026-07-05T09:00:00Z'))).toBe('Jul 04 18:30');
		expect(formatWhen(time, 'UTC', Date.parse('2027-01-02T09:00:00Z'))).toBe('2026-07-04 18:30');
		// Midnight in Berlin is still the 4th in New York.
		const nextDayInBerlin = Date.parse('2026-07-04T22:30:00Z');
		expect(formatWhen(time, 'Europe/Berlin', nextDayInBerlin)).toBe('Jul 04 20:30');
		expect(formatWhen(time, 'America/New_York', nextDayInBerlin)).toBe('14:30');
	});

	it('takes the caller for a call in and the callee for a call out', () => {
		expect(participantAddress({ direction: 'inbound', from: '+1310', to: '+1555' })).toBe('+1310');
		expect(participantAddress({ direction: 'outbound-api', from: '+1555', to: 'sip:a@b.c' })).toBe(
			'sip:a@b.c',
		);
		expect(participantAddress({ direction: 'inbound', from: '  ', to: '+1555' })).toBeUndefined();
		expect(participantAddress(undefined)).toBeUndefined();
	});
});
