import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from './defineResource';

/**
 * What a language model reads about each operation when the node is one of an AI Agent's tools or
 * is offered by an MCP Server Trigger: what it does, what it needs, and what it is not for, so that
 * a model tells End from Announce from Update and knows that Add places a real call. n8n's own text
 * would be the operation's action ("End a conference in SignalWire Conference").
 */
export const TOOL_DESCRIPTIONS: Record<string, Record<string, string>> = {
	conference: {
		announce:
			'Speak a text (or play an audio file) to everyone in one running conference; nobody is disconnected. Needs the conference, by its name exactly as people call it (e.g. "All hands") or by its sid, and the words to say, written as they should be heard. Not for ending a conference (use End) or for telling one person only (use the participant Announce). Returns the conference sid, friendly_name and status and what was announced.',
		end: 'End a running conference now: every participant is hung up and the conference cannot be restarted. Needs the conference, by its name exactly as people call it (e.g. "Incident 4711") or by its sid. Use only when asked to end, close or hang up a conference; to tell people something use Announce, to silence one person use Mute. Returns the ended conference: sid, friendly_name, status "completed".',
		get: 'Look up one conference by its sid (a UUID): friendly_name, status (init, in-progress or completed), date_created and date_updated. Read-only: changes nothing.',
		getAll:
			'List conferences with their sid, friendly_name, status (init, in-progress, completed), date_created and date_updated, optionally only those with a given status, an exact name or dates. Read-only: changes nothing. Use it to find a conference sid, or to see which conferences are running and since when, before acting on one.',
		update:
			'Low-level update of a conference by its sid: end it, or play the cXML or audio at a URL into it. Prefer End to end a conference and Announce to say something: they take a conference name and plain text.',
	},
	participant: {
		add: "Place a real outbound phone call (it rings a person and costs money) and put whoever answers into a conference. Needs the conference, by name (a conference of that name starts if none is running) or sid; To: the number to call in E.164 format, + and country code, e.g. +15551230001 (spaces and dashes are fine), or a SIP address; From: one of the account's own numbers. Use only when asked to call, dial or bring someone in, never to reach people already in the conference. Returns the call: sid, to, from, status.",
		announce:
			"Speak a text (or play an audio file) to one participant only; the rest of the conference does not hear it. Needs the conference sid, the participant's call_sid (from Get Many participants) and the words to say. To speak to everyone, use the conference Announce.",
		get: "Look up one participant of a conference by the conference sid and the participant's call_sid: muted, hold, status. Read-only: changes nothing.",
		getAll:
			'List the people in a conference right now, each with call_sid, muted, hold and status; optionally only muted or only held ones. Needs the conference sid (from Get Many conferences). Read-only: changes nothing. Use it to find a call_sid before Mute, Hold, Remove or a participant Announce.',
		hold: "Put one participant on hold: they hear hold music, the conference stops hearing them, and they stay connected. Needs the conference sid and the participant's call_sid. Undo with Unhold.",
		mute: "Mute one participant: the conference stops hearing them; they still hear it and stay connected. Needs the conference sid and the participant's call_sid (from Get Many participants). Undo with Unmute. Not for removing someone (use Remove) or ending the conference (use End).",
		remove:
			"Hang up one participant's call: they leave the conference, which goes on for the others. Needs the conference sid and the participant's call_sid. Cannot be undone (they would have to be called again). Not for silencing someone (use Mute) or ending the whole conference (use End).",
		unhold:
			"Take one participant off hold, back into the conversation. Needs the conference sid and the participant's call_sid.",
		unmute:
			"Unmute one participant so the conference hears them again. Needs the conference sid and the participant's call_sid.",
		update:
			'Low-level update of one participant by conference sid and call_sid: muted, hold, coaching, announce, hold or wait music URLs. Prefer Mute, Unmute, Hold, Unhold or the participant Announce for those single changes.',
	},
	conferenceRecording: {
		delete:
			'Delete a conference recording for good; it cannot be undone. Needs the conference sid and the recording sid. Use only when asked to delete a recording.',
		download:
			"Fetch a conference recording's audio (MP3 or WAV) as a file for the workflow's next steps; a model receives only the recording's details, not the audio. Needs the conference sid and the recording sid.",
		get: 'Look up one conference recording: status, duration in seconds, start time. Needs the conference sid and the recording sid. Read-only: changes nothing.',
		getAll:
			"List a conference's recordings with sid, status and duration, optionally by date. Needs the conference sid. Read-only: changes nothing.",
		update:
			'Pause, resume or stop the recording of a conference. Needs the conference sid, the recording sid and what to do: paused, in-progress (resume) or stopped. Stopping is final.',
	},
	conferenceStream: {
		start:
			"Start streaming a conference's audio to a WebSocket server (a wss:// URL), e.g. for live transcription. Needs the conference sid and the wss:// URL. Returns the stream's sid.",
		stop: "Stop a conference's audio stream. Needs the conference sid and the stream's sid or name.",
	},
};

/**
 * Shown only where the node is a tool. n8n 2.x tells the tool variant apart with `@tool`; n8n 1.x
 * does not know `@tool`, so there the fields also appear (unused) on the plain node, which keeps
 * tools described there too.
 */
const ONLY_AS_TOOL = { '@tool': [false] };

/**
 * n8n's own pair of tool fields (`descriptionType`, `toolDescription`), which n8n adds to a tool
 * variant only when the node has no `toolDescription`: here one `toolDescription` per operation, so
 * that its default is that operation's text, and "Set Manually" (this text) by default, which is
 * what n8n 1.x needs to read it. "Set Automatically" is n8n's text from the action.
 */
export function toolDescriptionFields(resources: Resource[]): INodeProperties[] {
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		default: 'manual',
		options: [
			{
				name: 'Set Automatically',
				value: 'auto',
				description:
					'The text n8n makes from the action, e.g. End a conference in SignalWire Conference',
			},
			{
				name: 'Set Manually',
				value: 'manual',
				description: "The operation's description for a model, below; edit it to fit your case",
			},
		],
		displayOptions: { hide: ONLY_AS_TOOL },
	};
	const perOperation = resources.flatMap((resource) =>
		Object.keys(resource.operations).map((operation): INodeProperties => {
			const text = TOOL_DESCRIPTIONS[resource.value][operation];
			return {
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				typeOptions: { rows: 4 },
				default: text,
				description:
					'What a model reads about this tool: what it does, what it needs and what it is not for',
				displayOptions: {
					show: {
						descriptionType: ['manual'],
						resource: [resource.value],
						operation: [operation],
					},
					hide: ONLY_AS_TOOL,
				},
			};
		}),
	);
	return [descriptionType, ...perOperation];
}
