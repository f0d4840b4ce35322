import { parseCodeQuery } from '/work/main/lib/search/search';
for (const q of ['88305-', '88305-2', '88305-26', '88305 ', '88305-26-', '99213-xyz', '88305-2x']) console.log(JSON.stringify(q), JSON.stringify(parseCodeQuery(q)));
