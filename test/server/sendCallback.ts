import { CONFERENCE_EVENTS, type ConferenceEvent } from './callbacks';
import { RECORDING_STATUSES, type RecordingEvent } from './recordingCallbacks';
import type { DeliveredCallback } from './SignalWireServer';

/**
 * `npm run sandbox -- send <event> --to <url>`: asks a running sandbox to make an event happen in
 * one of its conferences and to post SignalWire's signed callback for it to a trigger's Test or
 * Production URL, then says what n8n answered and what to do about it. No curl, no restart.
 */
export const SENDABLE_EVENTS: Array<ConferenceEvent | RecordingEvent> = [
	...CONFERENCE_EVENTS,
	...RECORDING_STATUSES.map((status): RecordingEvent => `recording-${status}`),
];

export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:8089';
export const DEFAULT_CONFERENCE = 'Support bridge';

export interface SendOptions {
	event: string;
	to: string;
	conference: string;
	sandbox: string;
}

export interface SendResult {
	ok: boolean;
	lines: string[];
}

export const USAGE = [
	'Usage: npm run sandbox -- send <event> --to <Test or Production URL of the trigger>',
	`         [--conference <name>] (default "${DEFAULT_CONFERENCE}")`,
	`         [--sandbox <URL of the running sandbox>] (default ${DEFAULT_SANDBOX_URL})`,
	`Events: ${SENDABLE_EVENTS.join(', ')}`,
].join('\n');

/** Reads `send <event> --to <url> [--conference <name>] [--sandbox <url>]`; undefined when incomplete. */
export function parseSendArguments(args: string[]): SendOptions | undefined {
	const value = (name: string) => {
		const index = args.indexOf(name);
		return index === -1 ? undefined : args[index + 1];
	};
	const event = args[1];
	const to = value('--to');
	if (args[0] !== 'send' || event === undefined || event.startsWith('--') || to === undefined) {
		return undefined;
	}
	return {
		event,
		to,
		conference: value('--conference') ?? DEFAULT_CONFERENCE,
		sandbox: value('--sandbox') ?? DEFAULT_SANDBOX_URL,
	};
}

/** What n8n's answer means for someone trying a trigger. */
function advice(outcome: DeliveredCallback['outcome'], options: SendOptions): string[] {
	if (typeof outcome === 'string') {
		return [`Nothing answered at ${options.to} (${outcome}): is n8n running, and is this its URL?`];
	}
	if (outcome >= 200 && outcome < 300) {
		return [
			'The trigger accepted it: the execution shows in the editor (Executions, or the open step).',
		];
	}
	if (outcome === 404) {
		return [
			'n8n has no workflow listening at that URL. For the Test URL, open the trigger and click',
			'"Execute step" (or "Execute workflow"): it waits for a test event; then send again. A Test',
			'URL takes one callback per click. For the Production URL, publish the workflow first.',
		];
	}
	if (outcome === 401 || outcome === 403) {
		return [
			"The trigger refused the signature. Its SignalWire Signing Key credential must hold the sandbox's",
			'key (printed by `npm run sandbox`), and --to must be the URL exactly as the editor shows it:',
			'the signature covers it.',
		];
	}
	return [`n8n answered HTTP ${outcome}; its log says why.`];
}

/** Posts the event to the sandbox's control endpoint and explains the outcome. */
export async function sendCallback(options: SendOptions): Promise<SendResult> {
	if (!(SENDABLE_EVENTS as string[]).includes(options.event)) {
		return { ok: false, lines: [`Unknown event "${options.event}".`, USAGE] };
	}
	if (!URL.canParse(options.to)) {
		return { ok: false, lines: [`--to "${options.to}" is not a URL.`, USAGE] };
	}
	let response: Response;
	try {
		response = await fetch(`${options.sandbox.replace(/\/+$/, '')}/__sandbox/events`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				event: options.event,
				friendlyName: options.conference,
				url: options.to,
			}),
		});
	} catch {
		return {
			ok: false,
			lines: [
				`No sandbox answers at ${options.sandbox}: start one with \`npm run sandbox\` in another`,
				'terminal, or pass --sandbox with the URL `npm run demo -- --ui` printed.',
			],
		};
	}
	const text = await response.text();
	if (!response.ok) {
		const message = (JSON.parse(text || '{}') as { message?: string }).message ?? text;
		return { ok: false, lines: [`The sandbox refused: ${message} (HTTP ${response.status}).`] };
	}
	const delivered = JSON.parse(text) as DeliveredCallback;
	const form = new URLSearchParams(delivered.form);
	const answer =
		typeof delivered.outcome === 'number' ? `n8n answered ${delivered.outcome}` : 'no answer';
	return {
		ok: typeof delivered.outcome === 'number' && delivered.outcome < 300,
		lines: [
			`Sent a signed ${delivered.event} callback of "${options.conference}" (ConferenceSid ${form.get('ConferenceSid')}) to ${delivered.url}: ${answer}.`,
			...advice(delivered.outcome, options),
		],
	};
}
