/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- the rig, not shipped: n8n's rules for node code do not apply */
import { seedPhoneNumbers } from './phoneNumbers';
import { seedSandbox } from './seed';
import { DEFAULT_SANDBOX_URL, parseSendArguments, sendCallback, USAGE } from './sendCallback';
import { SignalWireServer } from './SignalWireServer';

/**
 * `npm run sandbox`: the test server on its own, seeded, for the demo, the end-to-end tests and
 * anyone who wants to try the node without a SignalWire account.
 *
 *   --port <n>   listen on this port (default: 8089; 0 picks a free one)
 *   --json       print one JSON line with the connection details instead of the banner
 *   --callback <url>  send signed conference status callbacks there (conference-end when a
 *                     conference is ended through the API, participant-mute, -hold, -leave …);
 *                     also settable later with POST /__sandbox/callback-target {"url": …}
 *
 * While it runs, `POST /__sandbox/conferences {"conferences": [{"friendlyName": …, "dateCreated":
 * …}]}` adds conferences of given dates (e.g. one behind a thousand newer ones, for the pickers'
 * search budget) and `POST /__sandbox/reset` removes them again (SignalWireServer.ts).
 *
 * `npm run sandbox -- send <event> --to <url>` (while a sandbox runs): one signed callback of
 * that event, e.g. participant-join, to a trigger's Test or Production URL (see sendCallback.ts).
 */
export const SANDBOX_PROJECT_ID = '5e1f0c2a-9d7b-4c3e-8a61-7f2b4d9e0c11';
export const SANDBOX_API_TOKEN = 'PTsandbox00000000000000000000000000000000';
/** The sandbox project's Signing Key: its status callbacks are signed with it. */
export const SANDBOX_SIGNING_KEY = 'PSKsandbox000000000000000000000000';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

async function send(): Promise<void> {
	const options = parseSendArguments(process.argv.slice(2));
	const result = options ? await sendCallback(options) : { ok: false, lines: [USAGE] };
	process.stdout.write(`${result.lines.join('\n')}\n`);
	process.exitCode = result.ok ? 0 : 1;
}

async function main(): Promise<void> {
	const callback = option('--callback');
	const server = new SignalWireServer({
		projectId: SANDBOX_PROJECT_ID,
		apiToken: SANDBOX_API_TOKEN,
		signingKey: SANDBOX_SIGNING_KEY,
		statusCallback: callback ? { url: callback, signingKey: SANDBOX_SIGNING_KEY } : undefined,
	});
	const summary = seedSandbox(server.store);
	seedPhoneNumbers(server.store);
	server.enableControlEndpoints();
	const origin = await server.start(Number(option('--port') ?? 8089));
	const details = {
		spaceUrl: origin,
		projectId: SANDBOX_PROJECT_ID,
		apiToken: SANDBOX_API_TOKEN,
		signingKey: SANDBOX_SIGNING_KEY,
		statusCallback: callback ?? null,
		...summary,
	};
	if (process.argv.includes('--json')) {
		process.stdout.write(`${JSON.stringify(details)}\n`);
	} else {
		process.stdout.write(
			[
				'SignalWire sandbox (a local stand-in for the Compatibility API)',
				`  Space URL:  ${origin}`,
				`  Project ID: ${SANDBOX_PROJECT_ID}`,
				`  API token:  ${SANDBOX_API_TOKEN}`,
				`  Signing Key: ${SANDBOX_SIGNING_KEY} (status callbacks ${callback ? `go to ${callback}` : 'are off; --callback <url> turns them on'})`,
				`  Conferences: ${summary.conferences} (${summary.byStatus['in-progress']} in progress, ${summary.byStatus.init} init, ${summary.byStatus.completed} completed)`,
				'Use these in n8n as a "SignalWire API" credential, and the Signing Key as a "SignalWire Signing',
				'Key API" credential. To try a SignalWire Conference Trigger, click "Execute step" in it (it',
				'then waits for a test event) and, in another terminal, send it a signed callback:',
				`  npm run sandbox -- send participant-join --to <its Test URL>${origin === DEFAULT_SANDBOX_URL ? '' : ` --sandbox ${origin}`}`,
				'  (events: conference-start, conference-end, participant-join, -leave, -mute, -hold, recording-completed, …)',
				'Ctrl-C stops it.',
				'',
			].join('\n'),
		);
	}
	const stop = () => {
		void server.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void (process.argv[2] === 'send' ? send() : main());
