import type { IExecuteFunctions } from 'n8n-workflow';

import { refusedRangeOf } from './refusedRanges';
import { inputError } from './validation';

/** The dial-out guards of the SignalWire API credential (see its fields). */
interface DialGuards {
	/** Undefined: no list, any destination the other rules allow. */
	allowed?: { prefixes: string[]; sipDomains: string[] };
	allowPremium: boolean;
	allowSipParameters: boolean;
}

const CREDENTIAL = 'the SignalWire API credential';
const ALLOWED_FIELD = `Allowed Destinations in ${CREDENTIAL}`;
const E164_PREFIX = /^\+[1-9]\d{0,14}$/;
/** A host name with a dot and a top-level label that starts with a letter, or a dotted quad. */
const DOMAIN =
	/^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?|\d{1,3}(?:\.\d{1,3}){3})$/;

function readAllowed(
	context: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
): DialGuards['allowed'] {
	const entries = String(raw ?? '')
		.split(/[,\n]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length === 0) return undefined;
	const allowed = { prefixes: [] as string[], sipDomains: [] as string[] };
	for (const entry of entries) {
		const prefix = entry.replace(/[\s().-]/g, '');
		if (E164_PREFIX.test(prefix)) {
			allowed.prefixes.push(prefix);
		} else if (DOMAIN.test(entry.toLowerCase())) {
			allowed.sipDomains.push(entry.toLowerCase());
		} else {
			// Fail closed: a list that cannot be read allows nothing.
			throw inputError(
				context,
				itemIndex,
				`${ALLOWED_FIELD} has an entry that is neither an E.164 prefix nor a SIP domain: "${entry.slice(0, 100)}"; nobody was called`,
				`Correct that entry (e.g. +1555, +4930 or sip.example.com), or empty ${ALLOWED_FIELD} to allow any destination.`,
			);
		}
	}
	return allowed;
}

/** The guards as the credential of this item sets them; a credential saved before them has none. */
export async function readDialGuards(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<DialGuards> {
	const credentials = await context.getCredentials('signalWireApi', itemIndex);
	return {
		allowed: readAllowed(context, credentials.allowedDestinations, itemIndex),
		allowPremium: credentials.allowPremiumDestinations === true,
		allowSipParameters: credentials.allowSipUriParameters === true,
	};
}

/** The host of a SIP address "sip:user@host[:port][;params][?headers]", lower case, or undefined. */
function sipHost(address: string): string | undefined {
	const afterAt = address.slice(address.indexOf('@') + 1);
	const hostPort = afterAt.split(/[;?]/)[0].toLowerCase();
	const host = hostPort.replace(/:\d{1,5}$/, '');
	return DOMAIN.test(host) ? host : undefined;
}

/**
 * Refuses `to` (an E.164 number or a SIP address, as readDialAddress gives it) when a guard of the
 * credential does, before anything is sent; the message names the rule and the field that lifts it.
 */
export function checkDestination(
	context: IExecuteFunctions,
	to: string,
	guards: DialGuards,
	itemIndex: number,
): void {
	const quoted = `To "${to.slice(0, 100)}"`;
	const isSip = !to.startsWith('+');
	if (isSip && !guards.allowSipParameters && /[;?]/.test(to)) {
		throw inputError(
			context,
			itemIndex,
			`${quoted} has SIP URI parameters or headers (after ";" or "?"), which are refused: nobody was called`,
			`Remove them from the address, or turn on "Allow SIP URI Parameters and Headers" in ${CREDENTIAL}.`,
		);
	}
	if (guards.allowed !== undefined) {
		const host = isSip ? sipHost(to) : undefined;
		const listed = isSip
			? host !== undefined && guards.allowed.sipDomains.includes(host)
			: guards.allowed.prefixes.some((prefix) => to.startsWith(prefix));
		if (!listed) {
			throw inputError(
				context,
				itemIndex,
				`${quoted} is not in ${ALLOWED_FIELD}: nobody was called`,
				`Add ${isSip ? 'its SIP domain' : 'it, or a prefix of it,'} to ${ALLOWED_FIELD}, or empty that field to allow any destination.`,
			);
		}
	}
	const range = isSip ? undefined : refusedRangeOf(to);
	if (range !== undefined && !guards.allowPremium) {
		throw inputError(
			context,
			itemIndex,
			`${quoted} is in ${range.prefix}, ${range.meaning}, which is refused by default: nobody was called`,
			`To call such numbers, turn on "Allow Premium-Rate, Satellite and International-Network Numbers" in ${CREDENTIAL}.`,
		);
	}
}
