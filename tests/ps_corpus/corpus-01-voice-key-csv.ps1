# Mint one beta key per candidate voice for the load-test rig and hand the rig a CSV saying which voices got one.
[CmdletBinding()]
param(
    [string[]]$Voices = @('shimmer', 'ash', 'coral'),
    [string]$CsvPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-01-keys.csv')
)

$Rows = foreach ($Voice in ($Voices | Sort-Object)) {
    $Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-mini-realtime-preview' -Voice $Voice -Modalities @('audio', 'text')
    $Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request
    Write-Verbose "minted for $Voice"
    [pscustomobject]@{
        Voice  = $Session.voice
        Issued = $Session.client_secret.value -like 'ek_*'
        Modes  = $Session.modalities -join '+'
    }
}
$Rows | Export-Csv -Path $CsvPath -NoTypeInformation
Write-Output "csv written: $(Test-Path $CsvPath)"
# PowerShell 7 quotes every field and writes no type line: "shimmer","True","audio+text"
Write-Output "last row: $(Get-Content -Path $CsvPath -Tail 1)"

$Back = Import-Csv -Path $CsvPath
Write-Output "rows: $($Back.Count), voices: $($Back.Voice -join ', ')"
# Import-Csv gives text: Issued is the string 'True', and -eq converts $true to the left side's type ('True')
$Issued = ($Back | Where-Object { $_.Issued -eq $true }).Count
Write-Output "issued: $Issued of $($Voices.Count)"

Remove-Item -Path $CsvPath
Write-Output "csv removed: $(-not (Test-Path $CsvPath))"
