// The activation baseline: loading this file and running activate() is the least an extension costs.
exports.activate = () => {};
exports.deactivate = () => {};
