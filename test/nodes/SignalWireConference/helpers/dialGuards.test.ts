import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runNode } from '../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../harness/fixtures';
import { FROM_NUMBER, resetTelephony } from '../actions/common/announceHarness';

const space = useSignalWireServer();

beforeEach(() => resetTelephony(space.server));

const PREMIUM_SWITCH =
	'To call such numbers, turn on "Allow Premium-Rate, Satellite and International-Network Numbers" in the SignalWire API credential.';

function addParameters(to: string, fields: Record<string, unknown> = {}) {
	const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });
	return {
		resource: 'participant',
		operation: 'add',
		conferenceId: { __rl: true, mode: 'id', value: bridge.sid },
		to,
		from: { __rl: true, mode: 'list', value: FROM_NUMBER },
		...fields,
	};
}

function callsCreated() {
	return space.server.requests.filter(
		(request) => request.method === 'POST' && request.path === `${ACCOUNT_PATH}/Calls`,
	);
}

async function add(to: string, guards: ICredentialDataDecryptedObject = {}, fields = {}) {
	return await runNode({
		parameters: addParameters(to, fields),
		credentials: { ...space.credentials, ...guards },
	});
}

describe('Dial-out guards of the SignalWire API credential (Participant → Add)', () => {
	it.each([
		['+19005550100', '+1 900, premium services (North American Numbering Plan, area code 900)'],
		[
			'+12129765555',
			'+1 NPA-976, pay-per-call information services (North American Numbering Plan, exchange 976 in any area code)',
		],
		[
			'+449098790123',
			'+44 9, premium rate services (UK National Telephone Numbering Plan, 09 numbers)',
		],
		['+499001234567', '+49 900, premium-rate services (German numbering plan, 0900 numbers)'],
		['+870773112345', '+870, Inmarsat satellite (ITU-T E.164, Inmarsat SNAC)'],
		['+881631234567', '+881, satellite (ITU-T E.164, Global Mobile Satellite System)'],
		['+882161234567', '+882, ITU-T E.164 International Networks'],
		['+883510001234', '+883, ITU-T E.164 International Networks'],
		['+979123456789', '+979, ITU-T E.164 International Premium Rate Service'],
	])('refuses %s by default, before any request', async (to, range) => {
		const { error } = await add(to);

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			`To "${to}" is in ${range}, which is refused by default: nobody was called`,
		);
		expect(error?.description).toBe(PREMIUM_SWITCH);
		expect(error?.context?.itemIndex).toBe(0);
		expect(space.server.requests).toEqual([]);
	});

	it('calls those ranges once the credential allows them, and neighbouring ranges always', async () => {
		for (const to of ['+12125550100', '+447700900123', '+4930901820', '+8801712345678']) {
			const { error } = await add(to);
			expect(error).toBeUndefined();
		}
		const { error } = await add('+19005550100', { allowPremiumDestinations: true });

		expect(error).toBeUndefined();
		expect(callsCreated().map((request) => request.form[0])).toEqual([
			['To', '+12125550100'],
			['To', '+447700900123'],
			['To', '+4930901820'],
			['To', '+8801712345678'],
			['To', '+19005550100'],
		]);
	});

	it('refuses what is not in Allowed Destinations, and calls what is', async () => {
		const guards = { allowedDestinations: '+1 555, +4930\nsip.example.com' };

		for (const to of ['+15551230001', '+4930901820', 'sip:bob@SIP.example.com:5060']) {
			const { error } = await add(to, guards);
			expect(error).toBeUndefined();
		}
		expect(callsCreated()).toHaveLength(3);
		space.server.reset();

		for (const to of [
			'+15561230001',
			'+493',
			'sip:bob@example.com',
			'sip:bob@sip.example.com.evil.net',
		]) {
			const { error } = await add(to, guards);
			expect(error?.message).toBe(
				`To "${to}" is not in Allowed Destinations in the SignalWire API credential: nobody was called`,
			);
			expect(error?.description).toMatch(
				/to Allowed Destinations in the SignalWire API credential, or empty that field to allow any destination\.$/,
			);
			expect(error?.context?.itemIndex).toBe(0);
		}
		expect(space.server.requests).toEqual([]);
	});

	it('keeps refusing premium ranges that Allowed Destinations lists', async () => {
		const { error } = await add('+19005550100', { allowedDestinations: '+1900' });

		expect(error?.description).toBe(PREMIUM_SWITCH);
		expect(space.server.requests).toEqual([]);
	});

	it('refuses the whole run when Allowed Destinations has an entry it cannot read (fails closed)', async () => {
		const { error } = await add('+15551230001', { allowedDestinations: '+1555, 555-0100' });

		expect(error?.message).toBe(
			'Allowed Destinations in the SignalWire API credential has an entry that is neither an E.164 prefix nor a SIP domain: "555-0100"; nobody was called',
		);
		expect(space.server.requests).toEqual([]);
	});

	it.each([
		'sip:alice@example.com;maddr=203.0.113.7',
		'sip:alice@example.com;transport=tcp',
		'sip:alice@example.com?Replaces=abc%40example.com',
		'sip:alice;tag=x@example.com',
	])('refuses the SIP address %s with parameters or headers unless allowed', async (to) => {
		const { error } = await add(to);

		expect(error?.message).toBe(
			`To "${to}" has SIP URI parameters or headers (after ";" or "?"), which are refused: nobody was called`,
		);
		expect(error?.description).toBe(
			'Remove them from the address, or turn on "Allow SIP URI Parameters and Headers" in the SignalWire API credential.',
		);
		expect(space.server.requests).toEqual([]);

		const allowed = await add(to, { allowSipUriParameters: true });
		expect(allowed.error).toBeUndefined();
		expect(callsCreated().map((request) => request.form[0])).toEqual([['To', to]]);
	});

	it('sends Max Price Per Minute last, as SignalWire spec names it, and refuses other formats', async () => {
		const { error } = await add(
			'+15551230001',
			{},
			{ addOptions: { maxPricePerMinute: ' 0.0075 ' } },
		);

		expect(error).toBeUndefined();
		expect(callsCreated()[0].form.slice(-1)).toEqual([['MaxPricePerMinute', '0.0075']]);
		space.server.reset();

		for (const price of ['0.00751', '$1', '-1', '1e3']) {
			const refused = await add('+15551230001', {}, { addOptions: { maxPricePerMinute: price } });
			expect(refused.error?.message).toBe(
				`Max Price Per Minute "${price}" is not an amount in US dollars with up to 4 decimal places`,
			);
		}
		expect(space.server.requests).toEqual([]);
	});

	it('a refused item becomes its error item under continue-on-fail; the others are called', async () => {
		const { items } = await runNode({
			parameters: addParameters('={{ $json.to }}'),
			items: [{ to: '+15551230001' }, { to: '+19005550100' }],
			credentials: space.credentials,
			continueOnFail: true,
		});

		expect(items.map((item) => [item.json.error ?? 'called', item.pairedItem])).toEqual([
			['called', { item: 0 }],
			[
				'To "+19005550100" is in +1 900, premium services (North American Numbering Plan, area code 900), which is refused by default: nobody was called',
				{ item: 1 },
			],
		]);
		expect(callsCreated().map((request) => request.form[0])).toEqual([['To', '+15551230001']]);
	});
});
