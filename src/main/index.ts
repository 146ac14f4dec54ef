// Electron entry: placeholder until the shell modules land.
import { app } from 'electron';
void app.whenReady();
