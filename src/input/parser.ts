export { parseSourceFile, parseTypeExpr, parseFnSignature } from './quick/parser.js';
