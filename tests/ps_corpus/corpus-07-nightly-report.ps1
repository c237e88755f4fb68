# Nightly report: mint a beta session per call queue, append one line per queue to the report file, print the summary.
param(
    [string]$ReportPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-07-report.txt')
)

$Queues = @{ billing = 1500; support = 900; sales = 250 }
Set-Content -Path $ReportPath -Value "# nightly realtime report for $(Get-Date -Format 'yyyy-MM-dd')"
foreach ($Queue in ($Queues.Keys | Sort-Object)) {
    $Calls = $Queues[$Queue]
    # no break in the clauses: 1500 matches the first two, so $Size is the array 'large', 'medium'
    $Size = switch ($Calls) {
        { $_ -ge 1000 } { 'large' }
        { $_ -ge 500 } { 'medium' }
        default { 'small' }
    }
    $Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -Modalities 'text' -Instructions "Summarise the $Queue queue."
    $Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request
    # "$Size" of that array is 'large medium'
    Add-Content -Path $ReportPath -Value ('{0,-8}|{1,6}|{2}|{3}' -f $Queue, $Calls, "$Size", $Session.modalities.Count)
}

$Lines = Get-Content -Path $ReportPath
Write-Output "report lines: $($Lines.Count)"
Get-Content -Path $ReportPath -Tail 3
$Busiest = $Queues.GetEnumerator() | Sort-Object -Property Value -Descending | Select-Object -First 1
Write-Output "busiest: $($Busiest.Key) ($($Busiest.Value) calls)"
Remove-Item -Path $ReportPath
