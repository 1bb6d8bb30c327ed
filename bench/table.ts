/** A plain-text table for the terminal and the same rows as a markdown table for the README. */
export interface Table {
	title: string;
	headers: string[];
	rows: string[][];
	notes?: string[];
}

export function renderText(table: Table): string {
	const widths = table.headers.map((header, column) =>
		Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length)),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) =>
				column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
			)
			.join('  ');
	const rule = widths.map((width) => '-'.repeat(width)).join('  ');
	return [
		table.title,
		line(table.headers),
		rule,
		...table.rows.map(line),
		...(table.notes ?? []).map((note) => `  ${note}`),
	].join('\n');
}

export function renderMarkdown(table: Table): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	const align = table.headers.map((_, column) => (column === 0 ? ':--' : '--:'));
	return [
		`**${table.title}**`,
		'',
		line(table.headers),
		line(align),
		...table.rows.map(line),
		...(table.notes ?? []).map((note) => `\n${note}`),
	].join('\n');
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const count = (value: number) => value.toLocaleString('en-US');
