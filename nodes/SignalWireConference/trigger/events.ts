import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The events of SignalWire's conference status callbacks, and the cXML `statusCallbackEvent` word
 * that asks for each (one word covers a pair, e.g. "mute" sends both mute and unmute). The `action`
 * is what n8n's trigger panel lists for the event and what its search matches, in the words people
 * type ("conference ends", "someone joins").
 */
export const CONFERENCE_EVENTS: Array<INodePropertyOptions & { value: string; cxml: string }> = [
	{
		name: 'Conference End',
		action: 'When a conference ends',
		value: 'conference-end',
		cxml: 'end',
		description: 'The conference ended',
	},
	{
		name: 'Conference Start',
		action: 'When a conference starts',
		value: 'conference-start',
		cxml: 'start',
		description: 'The conference started',
	},
	{
		name: 'Participant Hold',
		action: 'When a participant is put on hold',
		value: 'participant-hold',
		cxml: 'hold',
		description: 'A participant was put on hold',
	},
	{
		name: 'Participant Join',
		action: 'When someone joins a conference',
		value: 'participant-join',
		cxml: 'join',
		description: 'A participant joined',
	},
	{
		name: 'Participant Leave',
		action: 'When someone leaves a conference',
		value: 'participant-leave',
		cxml: 'leave',
		description: 'A participant left',
	},
	{
		name: 'Participant Mute',
		action: 'When a participant is muted',
		value: 'participant-mute',
		cxml: 'mute',
		description: 'A participant was muted',
	},
	{
		name: 'Participant Speech Start',
		action: 'When a participant starts speaking',
		value: 'participant-speech-start',
		cxml: 'speaker',
		description: 'A participant started speaking',
	},
	{
		name: 'Participant Speech Stop',
		action: 'When a participant stops speaking',
		value: 'participant-speech-stop',
		cxml: 'speaker',
		description: 'A participant stopped speaking',
	},
	{
		name: 'Participant Unhold',
		action: 'When a participant is taken off hold',
		value: 'participant-unhold',
		cxml: 'hold',
		description: 'A participant was taken off hold',
	},
	{
		name: 'Participant Unmute',
		action: 'When a participant is unmuted',
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
