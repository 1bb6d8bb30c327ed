const path = require('path');
const { task, src, dest } = require('gulp');

// tsc emits only JavaScript; n8n loads node and credential icons from dist/ beside the compiled files.
task('build:icons', () =>
	Promise.all(
		['nodes', 'credentials'].map(
			(folder) =>
				new Promise((resolve, reject) => {
					src(path.resolve(folder, '**', '*.svg'), { encoding: false })
						.pipe(dest(path.resolve('dist', folder)))
						.on('finish', resolve)
						.on('error', reject);
				}),
		),
	),
);
