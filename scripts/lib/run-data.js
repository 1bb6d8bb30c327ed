'use strict';
/**
 * Reads what `n8n execute --rawOutput` prints: log lines, then the execution as pretty-printed
 * JSON from a line that is exactly "{" to the first line that is exactly "}", then (on failure)
 * an error text.
 */
function parseExecuteOutput(output) {
	const lines = output.split('\n');
	const first = lines.indexOf('{');
	const last = first === -1 ? -1 : lines.indexOf('}', first);
	if (last === -1) return { execution: undefined, after: output.trim() };
	return {
		execution: JSON.parse(lines.slice(first, last + 1).join('\n')),
		after: lines
			.slice(last + 1)
			.join('\n')
			.trim(),
	};
}

/** The `json` of every item a node output on its first run and first output, or undefined if it did not run. */
function nodeItems(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

/** Items with their pairedItem, for item-linking assertions. */
function nodeOutput(execution, nodeName) {
	return execution?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0];
}

/** The workflow's error, if it stopped on one. */
function executionError(execution) {
	return execution?.data?.resultData?.error;
}

/** Names of the nodes that ran, in the order they ran. */
function nodesThatRan(execution) {
	const runData = execution?.data?.resultData?.runData ?? {};
	return Object.keys(runData).sort(
		(a, b) => (runData[a][0].executionIndex ?? 0) - (runData[b][0].executionIndex ?? 0),
	);
}

module.exports = { parseExecuteOutput, nodeItems, nodeOutput, executionError, nodesThatRan };
