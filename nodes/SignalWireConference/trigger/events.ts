import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The events of SignalWire's conference status callbacks, and the cXML `statusCallbackEvent` word
 * that asks for each (one word covers a pair, e.g. "mute" sends both mute and unmute).
 */
export const CONFERENCE_EVENTS: Array<INodePropertyOptions & { value: string; cxml: string }> = [
	{
		name: 'Conference End',
		value: 'conference-end',
		cxml: 'end',
		description: 'The conference ended',
	},
	{
		name: 'Conference Start',
		value: 'conference-start',
		cxml: 'start',
		description: 'The conference started',
	},
	{
		name: 'Participant Hold',
		value: 'participant-hold',
		cxml: 'hold',
		description: 'A participant was put on hold',
	},
	{
		name: 'Participant Join',
		value: 'participant-join',
		cxml: 'join',
		description: 'A participant joined',
	},
	{
		name: 'Participant Leave',
		value: 'participant-leave',
		cxml: 'leave',
		description: 'A participant left',
	},
	{
		name: 'Participant Mute',
		value: 'participant-mute',
		cxml: 'mute',
		description: 'A participant was muted',
	},
	{
		name: 'Participant Speech Start',
		value: 'participant-speech-start',
		cxml: 'speaker',
		description: 'A participant started speaking',
	},
	{
		name: 'Participant Speech Stop',
		value: 'participant-speech-stop',
		cxml: 'speaker',
		description: 'A participant stopped speaking',
	},
	{
		name: 'Participant Unhold',
		value: 'participant-unhold',
		cxml: 'hold',
		description: 'A participant was taken off hold',
	},
	{
		name: 'Participant Unmute',
		value: 'participant-unmute',
		cxml: 'mute',
		description: 'A participant was unmuted',
	},
];

/** The `statusCallbackEvent` attribute value that makes SignalWire send the chosen events. */
export function statusCallbackEventAttribute(events: string[]): string {
	const order = ['start', 'end', 'join', 'leave', 'mute', 'hold', 'speaker'];
	const words = new Set(
		CONFERENCE_EVENTS.filter((event) => events.includes(event.value)).map((event) => event.cxml),
	);
	return order.filter((word) => words.has(word)).join(' ');
}
