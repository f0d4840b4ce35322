import { render } from 'preact';
import '../../components/theme.css';
import '../../components/code-card.css';
import '../../components/search-results.css';
import '../../components/page-summary.css';
import '../../components/tally.css';
import './style.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
