/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { RecordedRequest } from './SignalWireServer';
import { errorBody } from './format';
import type { Reply } from './replies';
import { notFound } from './replies';
import type { RecordingRecord, Store } from './store';
import { recordingJson } from './store';

/** What the sandbox answers for every recording's audio: a two-second chime, 8 kHz mono like a phone line. */
export const TONE_SAMPLE_RATE = 8000;
const TONE_SECONDS = 2;

/**
 * The chime as a 16-bit PCM WAV, generated here so that the repository holds no WAV: two notes
 * (A4 then E5), each fading in and out, so that a person listening hears that it is real audio.
 */
export function toneWav(): Buffer {
	const samples = TONE_SAMPLE_RATE * TONE_SECONDS;
	const data = Buffer.alloc(samples * 2);
	for (let index = 0; index < samples; index++) {
		const time = index / TONE_SAMPLE_RATE;
		const note = time < TONE_SECONDS / 2 ? 440 : 659.25;
		const withinNote = time % (TONE_SECONDS / 2);
		const envelope = Math.min(1, withinNote * 20, (TONE_SECONDS / 2 - withinNote) * 20);
		const value = Math.round(Math.sin(2 * Math.PI * note * time) * envelope * 0.5 * 32767);
		data.writeInt16LE(value, index * 2);
	}
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8, 'latin1');
	header.write('fmt ', 12, 'latin1');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(TONE_SAMPLE_RATE, 24);
	header.writeUInt32LE(TONE_SAMPLE_RATE * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'latin1');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/**
 * The same chime as MP3, encoded once with Debian's `lame` (see media/README.md): MP3 cannot be
 * encoded in a few lines of TypeScript. Found from the source tree or from the compiled copy in .build/.
 */
function findToneMp3(): string {
	for (let folder = __dirname; ; folder = dirname(folder)) {
		for (const candidate of [
			join(folder, 'media', 'tone.mp3'),
			join(folder, 'test', 'server', 'media', 'tone.mp3'),
		]) {
			if (existsSync(candidate)) return candidate;
		}
		if (dirname(folder) === folder) throw new Error('test/server/media/tone.mp3 is missing');
	}
}

let cached: { mp3: Buffer; wav: Buffer } | undefined;

/** The audio the sandbox serves, per format. */
export function recordingAudio(): { mp3: Buffer; wav: Buffer } {
	cached ??= { mp3: readFileSync(findToneMp3()), wav: toneWav() };
	return cached;
}

export const AUDIO_CONTENT_TYPES = { mp3: 'audio/mpeg', wav: 'audio/x-wav' } as const;

function findRecording(store: Store, sid: string): RecordingRecord | undefined {
	for (const conference of store.conferences.values()) {
		const recording = conference.recordings.get(sid);
		if (recording) return recording;
	}
	return undefined;
}

/**
 * `GET /Accounts/{AccountSid}/Recordings/{Sid}[.mp3|.wav|.json]`: the audio of a finished
 * recording (no extension is WAV, as SignalWire documents), or its metadata. A recording that is
 * still running has no audio yet: 404.
 */
export function recordingMedia(store: Store, request: RecordedRequest, segments: string[]): Reply {
	if (request.method !== 'GET') {
		return {
			status: 405,
			body: errorBody(405, 20004, `Method ${request.method} not allowed`),
		};
	}
	const match = /^([^.]+)(?:\.(mp3|wav|json))?$/.exec(segments[1] ?? '');
	const recording = match && segments.length === 2 ? findRecording(store, match[1]) : undefined;
	if (!match || !recording) return notFound(request.path);
	// The router has already cut a ".json" off the path.
	const extension = request.path.endsWith('.json') ? 'json' : (match[2] ?? 'wav');
	if (extension === 'json') return { status: 200, body: recordingJson(store, recording) };
	if (recording.status !== 'completed' && recording.status !== 'stopped')
		return notFound(request.path);
	const format = extension as 'mp3' | 'wav';
	const audio = recordingAudio()[format];
	return {
		status: 200,
		body: audio,
		headers: { 'Content-Type': AUDIO_CONTENT_TYPES[format] },
	};
}
