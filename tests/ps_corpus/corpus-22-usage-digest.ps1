# Weekly usage digest: record each day's talk minutes in a CSV, print the digest with a pluggable formatter, note it on a key.
param(
    [scriptblock]$Formatter = { param($Name, $Value) '{0,-9}{1,8:N1}' -f $Name, $Value },
    [ValidateRange(0, 6)]
    [int]$SkipDays = 2
)

$CsvPath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-22-usage.csv'
$Minutes = @(42, 57.5, 0, 61, 38.2, 90, 12)
$Days = foreach ($Index in 0..($Minutes.Count - 1)) {
    [pscustomobject]@{ Day = 'day{0:D2}' -f ($Index + 1); Minutes = $Minutes[$Index] }
}
$Days | Export-Csv -Path $CsvPath -NoTypeInformation
# the first days are the warm-up, left out of the digest
$Rows = Import-Csv -Path $CsvPath | Select-Object -Skip $SkipDays
# Measure-Object converts the CSV's text to numbers: 0 + 61 + 38.2 + 90 + 12
$Stats = $Rows | Measure-Object -Property Minutes -Sum -Average
& $Formatter 'days' $Stats.Count
& $Formatter 'minutes' $Stats.Sum
& $Formatter 'average' $Stats.Average

$Busiest = $Rows | Sort-Object -Property { [double]$_.Minutes } -Descending | Select-Object -First 1
Write-Output "busiest: $($Busiest.Day) ($($Busiest.Minutes) min)"
$Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-mini-realtime-preview' -Instructions "Digest: $($Stats.Sum) minutes over $($Stats.Count) days."
$Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request
$Expires = [DateTimeOffset]::FromUnixTimeSeconds($Session.client_secret.expires_at)
Write-Output "expiry round-trips: $($Expires.ToUnixTimeSeconds() -eq $Session.client_secret.expires_at)"
Remove-Item -Path $CsvPath -ErrorAction SilentlyContinue
