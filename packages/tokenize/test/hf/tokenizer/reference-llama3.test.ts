import { describeReference, lenmlFile } from './reference.js';

describeReference('llama3 (real tokenizer.json)', lenmlFile('llama3'));
