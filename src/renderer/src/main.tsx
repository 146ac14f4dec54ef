import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { warmUpViewerWhenIdle } from './documents/warmUpViewer';
import { installMaskIcons } from './ui/Icon';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/board.css';
import './styles/queue.css';
import './styles/detail.css';

installMaskIcons();
const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
warmUpViewerWhenIdle();
