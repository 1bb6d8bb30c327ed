import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/**
 * Reads and checks one item's inputs without sending anything. When an operation has it, the router
 * runs it for every item before the first item executes, so that a bad item fails the run before
 * anything is written (Participant → Add places calls: nobody is called twice when n8n's Retry On
 * Fail runs the node again).
 */
export type Validate = (this: IExecuteFunctions, itemIndex: number) => Promise<void>;
export type Execute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

/** What one `<op>.operation.ts` file exports. */
export interface Operation {
	/** The entry in the Operation list: name, value, description, and the `action` text search finds. */
	option: INodePropertyOptions & { value: string; action: string };
	/** Its fields, without displayOptions: the resource adds them. */
	properties: INodeProperties[];
	validate?: Validate;
	execute: Execute;
}

export interface Resource {
	name: string;
	value: string;
	operations: Record<string, Operation>;
	/** The Operation selector and every operation's fields, each shown only for its operation. */
	properties: INodeProperties[];
}

/**
 * One resource from its operation modules: the only place where a resource's Operation list and
 * its fields' displayOptions are written, so adding an operation means adding its file here.
 */
export function defineResource(
	name: string,
	value: string,
	defaultOperation: string,
	operations: Operation[],
): Resource {
	const byValue = Object.fromEntries(
		operations.map((operation) => [operation.option.value, operation]),
	);
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value] } },
		default: defaultOperation,
		options: operations
			.map((operation) => operation.option)
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
	const fields = operations.flatMap((operation) =>
		updateDisplayOptions(
			{ show: { resource: [value], operation: [operation.option.value] } },
			operation.properties,
		),
	);
	return { name, value, operations: byValue, properties: [selector, ...fields] };
}
