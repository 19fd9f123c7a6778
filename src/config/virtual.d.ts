declare module 'virtual:awaknow-config' {
  const resolved: import('./resolve').ConfigResult;
  export default resolved;
}
