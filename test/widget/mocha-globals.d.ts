// Browser suites run on Mocha inside @web/test-runner: its globals (describe, it, …) exist there.
/// <reference types="mocha" />
