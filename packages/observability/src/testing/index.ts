export { startServiceProcess, type ServiceProcess } from './service-process';
export { freePort } from './free-port';
