/** The HTML report's inline stylesheet: system fonts only, light and dark themes, print-friendly. */

/** CSS of the page (no `url()`, no `@import`, no web fonts). */
export const PAGE_STYLES = `
:root{--bg:#f6f7f9;--card:#fff;--fg:#1d2330;--muted:#5d6675;--line:#dde1e7;--code-bg:#f2f4f7;
--fail:#c62828;--fail-bg:#fdecea;--xfail:#a65300;--xfail-bg:#fff1e0;--amb:#1d5fb4;--amb-bg:#e8f0fc;
--skip:#5d6675;--skip-bg:#eef0f3;--pass:#1f7a3a;--pass-bg:#e6f4ea;--accent:#1d5fb4;
--mk-ok:#1f7a3a;--mk-wrong:#b45309;--mk-locked:#c62828;--mk-error:#7b3fa0;--mk-clock:#6b7280;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:15px;line-height:1.45;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#14171c;--card:#1c2027;--fg:#e4e7ec;--muted:#9aa3b2;--line:#2f3540;--code-bg:#232830;
--fail:#ff6b6b;--fail-bg:#3a1d1f;--xfail:#ffaa55;--xfail-bg:#3a2a17;--amb:#7fb0ff;--amb-bg:#1b2a42;--skip:#a3acba;--skip-bg:#272c34;
--pass:#5fd08a;--pass-bg:#16311f;--accent:#7fb0ff;--mk-ok:#5fd08a;--mk-wrong:#f0a23a;--mk-locked:#ff6b6b;--mk-error:#c89bf0;--mk-clock:#a3acba}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg)}
main{max-width:1280px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.6rem;margin:.2rem 0 .3rem}
h2{font-size:1.2rem;margin:0 0 .8rem}
h3{font-size:1rem;margin:1rem 0 .5rem}
h4{font-size:.9rem;margin:.6rem 0 .35rem}
code,pre,.rule-id,.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.86em}
a{color:var(--accent)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin:0 0 18px}
.muted{color:var(--muted)}
.overall{display:inline-block;font-weight:700;letter-spacing:.02em;border-radius:6px;padding:3px 10px;font-size:.85rem;text-transform:uppercase}
.overall.ok{background:var(--pass-bg);color:var(--pass);border:1px solid var(--pass)}
.overall.bad{background:var(--fail-bg);color:var(--fail);border:1px solid var(--fail)}
.overall.none{background:var(--xfail-bg);color:var(--xfail);border:1px solid var(--xfail)}
.verdict-line{font-size:1.05rem;margin:.2rem 0 .8rem}
.interrupted{background:var(--xfail-bg);color:var(--xfail);border:1px solid var(--xfail);border-radius:6px;padding:6px 10px;font-weight:600}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:6px 18px;margin:.8rem 0}
.meta div{min-width:0}.meta dt{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.meta dd{margin:0;overflow-wrap:anywhere}
.badges{display:flex;flex-wrap:wrap;gap:8px;margin-top:.6rem}
.badge{display:inline-flex;align-items:center;gap:6px;border-radius:999px;padding:1px 10px;font-size:.8rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.badges .badge{font-size:.9rem;padding:3px 12px}.badge strong{font-size:1em}
.v-fail{color:var(--fail);background:var(--fail-bg)}.v-expected-fail{color:var(--xfail);background:var(--xfail-bg)}
.v-ambiguous{color:var(--amb);background:var(--amb-bg)}.v-skip{color:var(--skip);background:var(--skip-bg)}.v-not-run{color:var(--xfail);background:var(--skip-bg)}.v-pass{color:var(--pass);background:var(--pass-bg)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:7px 10px;border-bottom:1px solid var(--line)}
thead th{font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line)}
.num{text-align:right;font-variant-numeric:tabular-nums}
.matrix{width:auto;min-width:420px}.matrix td,.matrix th{text-align:center}.matrix th[scope=row]{text-align:left}
.matrix button{font:inherit;font-weight:600;min-width:2.4em;border-radius:6px;border:1px solid currentColor;cursor:pointer;padding:1px 8px}
.matrix .zero{color:var(--muted)}
.controls{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:center;margin-bottom:.6rem}
.vfilter{display:flex;flex-wrap:wrap;gap:6px}
.vfilter button,.tool{font:inherit;font-size:.85rem;border-radius:999px;border:1px solid currentColor;padding:3px 12px;cursor:pointer}
.vfilter button.v-all,.tool{border-color:var(--line);background:var(--card);color:var(--fg)}
.vfilter button[aria-pressed=true]{outline:2px solid currentColor;outline-offset:2px;font-weight:700}
.vfilter button.v-all[aria-pressed=true]{background:var(--fg);color:var(--card);outline:none}
.tools{display:flex;gap:6px;margin-left:auto}
.controls label{display:flex;gap:6px;align-items:center;font-size:.85rem;color:var(--muted)}
.controls select,.controls input{font:inherit;font-size:.9rem;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg)}
.controls input{width:14em}
.tool{border-radius:6px}
button:focus-visible,select:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
#shown-count{font-size:.85rem;color:var(--muted);margin:.2rem 0 .5rem}
.rules th[scope=row]{font-weight:400;white-space:nowrap}
.rules>thead th:nth-child(n+2):nth-child(-n+5),.rules>tbody>tr.rule>td{width:1%;white-space:nowrap}.rules>tbody>tr.rule>td:last-child{width:auto;white-space:normal}
.expander{font:inherit;background:none;border:0;color:var(--fg);cursor:pointer;padding:0;display:inline-flex;gap:6px;align-items:center;text-align:left}
.expander .rule-id{font-weight:700}
.chev{display:inline-block;width:0;height:0;border-left:6px solid var(--muted);border-top:5px solid transparent;border-bottom:5px solid transparent;transition:transform .15s}
.expander[aria-expanded=true] .chev{transform:rotate(90deg)}
tr.rule:hover{background:var(--code-bg)}
tr.v-row-fail th[scope=row]{box-shadow:inset 4px 0 0 var(--fail)}
tr.v-row-expected-fail th[scope=row]{box-shadow:inset 4px 0 0 var(--xfail)}
tr.v-row-ambiguous th[scope=row]{box-shadow:inset 4px 0 0 var(--amb)}
.title{font-weight:600}.title code,.reason code,.facts code{background:var(--code-bg);border-radius:3px;padding:0 3px}.reason{color:var(--muted);font-size:.88rem}
.level{font-size:.78rem;font-weight:700;letter-spacing:.03em}.level-should{color:var(--muted)}
tr.detail>td{background:var(--bg);padding:0 0 0 0}
.detail-body{padding:12px 18px 18px 30px;border-left:4px solid var(--line)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
.facts dt{color:var(--muted);font-size:.85rem}.facts dd{margin:0;overflow-wrap:anywhere}
.cx-summary{font-weight:600}
.compare{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.compare>div{border-radius:8px;padding:6px 12px;border:1px solid var(--line);background:var(--card)}
.compare .received{border-left:4px solid var(--fail)}.compare .documented{border-left:4px solid var(--pass)}
.compare h4{margin:.2rem 0;font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}.compare p{margin:.2rem 0}
.transcript{padding-left:1.2rem}.step{margin-bottom:14px}
.exchange{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.msg,.copyable{min-width:0}
.caption{display:flex;justify-content:space-between;align-items:center;gap:8px;font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:4px 0 3px}
pre.code{margin:0;background:var(--code-bg);border:1px solid var(--line);border-radius:6px;padding:8px 10px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:28em;overflow:auto}
.copyable{margin-top:8px}
.method{font-weight:700}.hn{color:var(--muted)}
.status{border-radius:4px;padding:0 6px;font-weight:700;text-transform:none;letter-spacing:0}
.status.s2{background:var(--pass-bg);color:var(--pass)}.status.s3{background:var(--amb-bg);color:var(--amb)}
.status.s4{background:var(--xfail-bg);color:var(--xfail)}.status.s5{background:var(--fail-bg);color:var(--fail)}
.copy{font:inherit;font-size:.75rem;text-transform:none;letter-spacing:0;border:1px solid var(--line);background:var(--card);color:var(--fg);border-radius:5px;padding:1px 10px;cursor:pointer}
.timeline{margin-bottom:18px}.timeline h3{margin-top:0}
.timeline-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:var(--card);padding:6px 0}
.timeline-svg{display:block;max-width:100%;height:auto}
.timeline-svg text{font-family:system-ui,sans-serif;font-size:11px;fill:var(--fg)}
.timeline-svg .tl-action{font-weight:600}
.timeline-svg .tl-time,.timeline-svg .tl-left,.timeline-svg .tl-gap{fill:var(--muted)}
.timeline-svg .tl-lock{fill:var(--mk-locked)}
.timeline-svg .tl-axis{stroke:var(--muted)}.timeline-svg .tl-bg{fill:var(--card)}
.timeline-svg .tl-result{font-weight:700}
.mk-ok{fill:var(--mk-ok)}.mk-wrong{fill:var(--mk-wrong)}.mk-locked{fill:var(--mk-locked)}.mk-error{fill:var(--mk-error)}.mk-clock{fill:var(--mk-clock)}
.timeline-svg .tx-ok{fill:var(--mk-ok)}.timeline-svg .tx-wrong{fill:var(--mk-wrong)}.timeline-svg .tx-locked{fill:var(--mk-locked)}.timeline-svg .tx-error{fill:var(--mk-error)}.timeline-svg .tx-clock{fill:var(--mk-clock)}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:.8rem;color:var(--muted);margin:.5rem 0 0;padding:0;list-style:none}
.legend .dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:-1px}
.dot-ok{background:var(--mk-ok)}.dot-wrong{background:var(--mk-wrong)}.dot-locked{background:var(--mk-locked)}.dot-error{background:var(--mk-error)}.dot-clock{background:var(--mk-clock);border-radius:2px!important;transform:rotate(45deg)}
.notes li{margin:.2rem 0;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:.8rem;text-align:center}
@media (max-width:800px){.exchange,.compare{grid-template-columns:1fr}.rules td:nth-child(4),.rules th:nth-child(4){display:none}}
@media print{.controls,.copy,.expander .chev{display:none}tr.detail[hidden]{display:table-row}body{background:#fff}}
`;
