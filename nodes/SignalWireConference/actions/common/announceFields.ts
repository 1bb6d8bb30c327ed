import type { FormField } from '../../helpers/formFields';

/** The announcement SignalWire plays, to a whole conference or to one participant. */
export const ANNOUNCE_URL: FormField = {
	parameter: 'announceUrl',
	label: 'Announce URL',
	form: 'AnnounceUrl',
	kind: 'httpUrl',
};

export const ANNOUNCE_METHOD: FormField = {
	parameter: 'announceMethod',
	label: 'Announce Method',
	form: 'AnnounceMethod',
	kind: 'httpMethod',
};
