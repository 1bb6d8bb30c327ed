import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildForm, formFields } from '../../../../nodes/SignalWireConference/helpers/formFields';

const context = {
	getNode: () => ({ id: '1', name: 'SignalWire', type: 'test', typeVersion: 1, position: [0, 0] }),
} as unknown as IExecuteFunctions;

/** As an editor declares them: alphabetical, a collection among top-level fields. */
const properties: INodeProperties[] = [
	{ displayName: 'URL', name: 'url', type: 'string', default: '' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		default: {},
		options: [
			{
				displayName: 'Color',
				name: 'color',
				type: 'options',
				default: 'red',
				options: [
					{ name: 'Blue', value: 'blue' },
					{ name: 'Red', value: 'red' },
				],
			},
			{ displayName: 'Loud', name: 'loud', type: 'boolean', default: false },
			{
				displayName: 'Repeat',
				name: 'repeat',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5 },
				default: 1,
			},
			{ displayName: 'Callback Method', name: 'callbackMethod', type: 'options', default: 'POST' },
			{ displayName: 'Callback URL', name: 'callbackUrl', type: 'string', default: '' },
		],
	},
];

const fields = formFields(properties, {
	repeat: { unit: 'times' },
	loud: {},
	color: { label: 'Colour' },
	callbackUrl: { check: 'httpUrl' },
	callbackMethod: { methodOf: 'callbackUrl' },
});

function refusal(values: IDataObject): string | undefined {
	try {
		buildForm(context, values, fields, 0);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

describe('formFields and buildForm', () => {
	it('finds fields in collections, names them after their parameters, sends them in spec order', () => {
		expect(fields.map(({ form, label }) => [form, label])).toEqual([
			['Repeat', 'Repeat'],
			['Loud', 'Loud'],
			['Color', 'Colour'],
			['CallbackUrl', 'Callback URL'],
			['CallbackMethod', 'Callback Method'],
		]);
		const form = buildForm(
			context,
			{
				callbackMethod: 'get',
				color: 'blue',
				loud: ' TRUE ',
				callbackUrl: 'https://a.example/x',
				repeat: 3,
				extra: 'x',
			},
			fields,
			0,
		);
		expect(Object.entries(form)).toEqual([
			['Repeat', '3'],
			['Loud', 'true'],
			['Color', 'blue'],
			['CallbackUrl', 'https://a.example/x'],
			['CallbackMethod', 'GET'],
		]);
	});

	it('leaves blank values out', () => {
		expect(buildForm(context, { color: ' ', loud: null, repeat: undefined }, fields, 0)).toEqual(
			{},
		);
	});

	it('checks each value by what its property says', () => {
		expect(refusal({ color: 'green' })).toBe('Colour "green" is not one of: blue, red');
		expect(refusal({ loud: 'yes' })).toBe('Loud "yes" is not true or false');
		expect(refusal({ repeat: 6 })).toBe('Repeat "6" is not a whole number of times from 1 to 5');
		expect(refusal({ repeat: 1.5 })).toBe(
			'Repeat "1.5" is not a whole number of times from 1 to 5',
		);
		expect(refusal({ callbackUrl: 'ftp://a.example/x' })).toBe(
			'Callback URL "ftp://a.example/x" is not a valid http(s) URL',
		);
		expect(refusal({ callbackMethod: 'PUT', callbackUrl: 'https://a.example/x' })).toBe(
			'Callback Method "PUT" is not GET or POST',
		);
		expect(refusal({ callbackMethod: 'GET' })).toBe(
			'Callback Method is set but Callback URL is empty',
		);
	});
});
