import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './validation';

/** What SignalWire dials: E.164 numbers, and SIP addresses for To. */
const E164 = /^\+[1-9]\d{1,14}$/;
const SIP_URI = /^sips?:[^\s@<>"]+@[^\s<>"]+$/i;

/** The editor's check of a number as typed: + and digits, with the spaces and signs people write. */
export const E164_AS_TYPED_REGEX = '^\\s*\\+[1-9][0-9\\s().-]{1,20}$';

/** "+1 (555) 123-0001" → "+15551230001" when that is an E.164 number, else undefined. */
function e164Of(value: string): string | undefined {
	const trimmed = value.trim();
	const number = trimmed.startsWith('+') ? trimmed.replace(/[\s().-]/g, '') : trimmed;
	return E164.test(number) ? number : undefined;
}

/** A phone number in E.164 (written as people write it), or an input error naming the field. */
export function readE164(
	context: IExecuteFunctions,
	raw: string,
	label: string,
	itemIndex: number,
): string {
	const number = e164Of(raw);
	if (number !== undefined) return number;
	throw inputError(
		context,
		itemIndex,
		`${label} "${raw.trim().slice(0, 100)}" is not a phone number in E.164 format`,
		'Use + and the country code, e.g. +15551230000.',
	);
}

/** Whom a call goes to: an E.164 number or a SIP address, or an input error naming the field. */
export function readDialAddress(
	context: IExecuteFunctions,
	raw: string,
	label: string,
	itemIndex: number,
): string {
	const number = e164Of(raw) ?? (SIP_URI.test(raw) ? raw : undefined);
	if (number !== undefined) return number;
	throw inputError(
		context,
		itemIndex,
		`${label} "${raw.slice(0, 100)}" is neither a phone number in E.164 format nor a SIP address`,
		'Use + and the country code, e.g. +15551230001, or a SIP address such as sip:alice@example.com.',
	);
}
