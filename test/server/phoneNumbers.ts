import { newSid, rfc2822 } from './format';
import type { Store } from './store';

/** One of the space's own numbers (IncomingPhoneNumbers): what a call can come from. */
export interface PhoneNumberRecord {
	sid: string;
	phoneNumber: string;
	friendlyName: string;
	createdAt: Date;
}

export function addPhoneNumber(
	store: Store,
	phoneNumber: string,
	friendlyName: string,
): PhoneNumberRecord {
	const record = { sid: newSid(), phoneNumber, friendlyName, createdAt: store.now() };
	store.phoneNumbers.push(record);
	return record;
}

/** The sandbox's numbers: the demo and the examples call out from the first one. */
export const SANDBOX_NUMBERS: Array<[string, string]> = [
	['+15550100001', 'Ops hotline'],
	['+15550100002', 'Conference line'],
];

export function seedPhoneNumbers(store: Store): void {
	for (const [phoneNumber, friendlyName] of SANDBOX_NUMBERS)
		addPhoneNumber(store, phoneNumber, friendlyName);
}

/** The fields of SignalWire's IncomingPhoneNumber that matter here, with the others as the spec types them. */
export function phoneNumberJson(store: Store, record: PhoneNumberRecord): Record<string, unknown> {
	return {
		account_id: store.projectId,
		account_sid: store.projectId,
		address_requirements: 'none',
		address_sid: null,
		api_version: '2010-04-01',
		beta: false,
		capabilities: { voice: true, sms: true, mms: true, fax: false },
		country_code: 'US',
		date_created: rfc2822(record.createdAt),
		date_updated: rfc2822(record.createdAt),
		emergency_address_sid: null,
		emergency_status: 'Inactive',
		friendly_name: record.friendlyName,
		identity_sid: null,
		origin: 'signalwire',
		phone_number: record.phoneNumber,
		sid: record.sid,
		sms_application_sid: null,
		sms_fallback_method: 'POST',
		sms_fallback_url: null,
		sms_method: 'POST',
		sms_url: null,
		status_callback: null,
		status_callback_method: 'POST',
		trunk_sid: null,
		uri: `${store.accountPath()}/IncomingPhoneNumbers/${record.sid}.json`,
		voice_application_sid: null,
		voice_caller_id_lookup: null,
		voice_fallback_method: 'POST',
		voice_fallback_url: null,
		voice_method: 'POST',
		voice_url: null,
	};
}

export function listPhoneNumbers(store: Store, query: URLSearchParams) {
	const pattern = query.get('PhoneNumber');
	const friendlyName = query.get('FriendlyName');
	const items = store.phoneNumbers
		.filter((record) => pattern === null || record.phoneNumber.includes(pattern))
		.filter((record) => friendlyName === null || record.friendlyName === friendlyName);
	return { items, toJson: (record: PhoneNumberRecord) => phoneNumberJson(store, record) };
}
