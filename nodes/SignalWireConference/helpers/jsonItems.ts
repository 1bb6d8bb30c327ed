import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * Output items whose `json` is exactly the data. Not n8n's `returnJsonArray`: it takes an object
 * with a field named "json" (a SignalWire answer or callback may carry any field) for an item
 * itself and would drop every other field.
 */
export function jsonItems(data: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
}
